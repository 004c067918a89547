// Reading the briefing as a reader would, by role and name: the three
// questions in three actions or fewer, events first on laptop and phone,
// many events open, claims once, who says what, stance filter, citations
// and downloads, the phone filter panel, and an embed that fits its host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve } from '../../scripts/serve.mjs';
import { setUp, counts, newPage, openBriefing, assertClean, screenshot, DIST_DIR, address } from './harness.mjs';

const env = setUp();
const open = env.open;

const shown = async (page) => (await counts(page))[0];
const checkbox = (page, legend, label) =>
  page.getByRole('group', { name: legend, exact: true }).getByRole('checkbox', { name: new RegExp(`^${label}\\b`) });
const eventHeadings = (page) => page.locator('main article.event h3').allTextContents();

test('who denied what, with the quote: Stance "denies", then "Who says what", then a cell (3 actions)', async () => {
  const page = await open();
  await checkbox(page, 'Stance', 'denies').check(); // 1
  assert.equal((await address(page)).searchParams.get('stance'), 'denies');
  await page.getByRole('button', { name: /who says what/i }).click(); // 2
  const table = page.getByRole('table');
  const speakers = await table.getByRole('columnheader').allTextContents();
  assert.deepEqual(speakers.slice(1).sort(), ['Adrienne Watson', 'Maria Zakharova']);
  const row = table.getByRole('row').filter({ hasText: 'Former US officials have reportedly held back-channel' });
  await row.locator('summary').filter({ hasText: 'denies' }).click(); // 3
  const cell = row.locator('details[open]');
  assert.ok(await cell.locator('blockquote').isVisible(), 'the quote shows');
  assert.match(await cell.textContent(), /Source:/);
  // Every cell in the table is a denial.
  for (const word of await table.locator('td summary').allTextContents()) assert.match(word, /denies/);
  await screenshot(page, 'reading-who-denied-1280');
  await assertClean(page);
});

test('what is known about the Witkoff–Ushakov call and who says so (2 actions)', async () => {
  const page = await open();
  await page.getByRole('button', { name: 'Witkoff and Ushakov speak by phone', exact: true }).click(); // 1
  const card = page.locator('article.open');
  // A call's card lists what is claimed about it (the statements were made elsewhere).
  assert.match(await card.textContent(), /Claims about this event/);
  await card.getByRole('link', { name: /Witkoff and Ushakov spoke/ }).first().click(); // 2
  const claim = page.getByRole('row', { name: /Witkoff and Ushakov spoke/ });
  await claim.waitFor();
  // The claim has the focus, and each speaker's cell opens the quotes.
  assert.match(await page.evaluate(() => document.activeElement.textContent), /Witkoff and Ushakov spoke/);
  for (const cell of await claim.locator('summary').all()) if (!/Why this status/.test(await cell.textContent())) await cell.click();
  const text = await claim.textContent();
  assert.match(text, /partially confirmed/);
  assert.match(text, /Why this status/);
  assert.match(text, /Bloomberg\s*asserts/);
  assert.match(text, /Yuriy Ushakov\s*confirms/);
  assert.ok((await claim.locator('blockquote').count()) >= 2);
  assert.ok(await claim.getByRole('link', { name: 'Witkoff and Ushakov speak by phone' }).isVisible(), 'links to its events');
  assert.equal((await address(page)).searchParams.get('view'), 'claims');
  await assertClean(page);
});

test('which contacts were by phone (1 action)', async () => {
  const page = await open();
  await checkbox(page, 'Channel', 'Phone call').check(); // 1
  assert.deepEqual((await eventHeadings(page)).sort(), [
    'A telephone connection “where leaks almost never occur”, as Ushakov describes it',
    'Ushakov and Dmitriev discuss a peace plan by phone, according to Bloomberg',
    'Witkoff and Ushakov speak by phone',
  ]);
  await assertClean(page);
});

for (const [width, height] of [[1280, 900], [360, 740]]) {
  test(`events first at ${width}×${height}: the first event's heading is on the first screen`, async () => {
    const page = await open('', { width, height });
    const first = page.locator('main article.event h3').first();
    const box = await first.boundingBox();
    assert.ok(box && box.y + box.height <= height, `first heading ends at ${box?.y + box?.height}px`);
    // The masthead keeps title, as-of and marking; the pictures are a view away.
    assert.ok(await page.getByRole('heading', { level: 1 }).isVisible());
    assert.ok(await page.getByText(/^As of /).isVisible());
    assert.equal(await page.locator('svg').count(), 0, 'no chart in the reading path');
    await page.getByRole('button', { name: 'Pictures' }).click();
    await page.locator('svg').first().waitFor();
    assert.equal(await page.title(), 'US–Russia backchannel contacts over the war in Ukraine');
    await assertClean(page);
  });
}

test('many events open at once, in the URL; Expand all and Collapse all', async () => {
  const page = await open();
  await page.getByRole('button', { name: 'Witkoff and Ushakov speak by phone', exact: true }).click();
  await page.getByRole('button', { name: 'Ushakov and Dmitriev discuss a peace plan by phone, according to Bloomberg', exact: true }).click();
  assert.equal(await page.locator('article.open').count(), 2);
  assert.deepEqual((await address(page)).searchParams.get('event').split(',').sort(), ['ushakov-dmitriev-call', 'witkoff-ushakov-call']);
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('article.open').length === 1);
  await page.getByRole('button', { name: 'Expand all' }).click();
  assert.equal(await page.locator('article.open').count(), await shown(page));
  await page.getByRole('button', { name: 'Collapse all' }).click();
  assert.equal(await page.locator('article.open').count(), 0);
  // A pasted link opens, and scrolls to, its event.
  const pasted = await open('?event=witkoff-putin-moscow-planned');
  const card = pasted.locator('article.open');
  await pasted.waitForFunction(() => {
    const r = document.querySelector('article.open').getBoundingClientRect();
    return r.top > -2 && r.top < innerHeight;
  });
  assert.match(await card.textContent(), /Planned: announced /);
  await assertClean(pasted);
  await assertClean(page);
});

test('the stance filter has live counts and lives in the URL; combined with Actor', async () => {
  const page = await open('?stance=denies&actor=maria-zakharova');
  assert.ok(await checkbox(page, 'Stance', 'denies').isChecked());
  assert.ok((await shown(page)) >= 1);
  await page.getByRole('button', { name: /^Claims/ }).click();
  const table = page.getByRole('table');
  assert.deepEqual((await table.getByRole('columnheader').allTextContents()).slice(1), ['Maria Zakharova']);
  const rows = table.locator('tbody tr');
  assert.ok((await rows.count()) >= 1);
  for (const text of await rows.locator('td summary').allTextContents()) assert.match(text, /denies/);
  await assertClean(page);
});

test('Copy link, Copy citation, and downloads as CSV and as a dataset the checker accepts', async () => {
  const page = await open('?event=ushakov-tells-tass');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
  await page.getByRole('button', { name: 'Copy link' }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), (await address(page)).href);
  // The card of Ushakov's TASS remarks shows his words, and cites them.
  const card = page.locator('article.open');
  assert.match(await card.textContent(), /Said in this event\s*Yuriy Ushakov\s*confirms/);
  await card.getByRole('button', { name: 'Copy citation' }).first().click();
  const citation = await page.evaluate(() => navigator.clipboard.readText());
  assert.doesNotMatch(citation, /\n/);
  assert.match(citation, / — Yuriy Ushakov, .+; source: .*TASS/);
  await checkbox(page, 'Channel', 'Phone call').check();

  await page.getByText('Download', { exact: true }).click();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /CSV/ }).click()]);
  const rows = (await readFile(await csv.path(), 'utf8')).trim().split('\r\n');
  assert.match(rows[0], /^event,event date,claim,claim status,actor,stance,stance date,quote,source chain$/);
  assert.ok(rows.length > 2);
  assert.ok(rows.some((r) => r.includes('Witkoff and Ushakov spoke by phone')), 'the claims of the phone events');
  assert.ok(!rows.some((r) => r.includes('nothing about Ukraine without Ukraine')), 'and not the others');

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /JSON/ }).click()]);
  const dir = await mkdtemp(join(tmpdir(), 'briefing-json-'));
  const file = join(dir, 'view.json');
  await writeFile(file, await readFile(await json.path()));
  const ids = JSON.parse(await readFile(file, 'utf8')).events.map((e) => e.id);
  assert.ok(ids.includes('witkoff-ushakov-call') && !ids.includes('white-house-denies-back-channel'), ids.join());
  const checker = new URL('../../target/debug/briefing-check', import.meta.url).pathname;
  execFileSync(checker, [file]); // throws on a non-zero exit
  await rm(dir, { recursive: true, force: true });
  await assertClean(page);
});

test('phone: the filters are a panel; "Show N events" says what a tick gives and goes to the results', async () => {
  const page = await open('', { width: 360, height: 740 });
  const toggle = page.getByRole('button', { name: 'Filters' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('group', { name: 'Actor', exact: true }).isVisible(), false);
  await toggle.click();
  await checkbox(page, 'Claim status', 'denied').check();
  const show = page.getByRole('button', { name: /^Show \d+ events?$/ });
  const box = await show.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 740, `the button stays on screen (${box.y})`);
  assert.equal(await show.textContent(), `Show ${await shown(page)} events`);
  await screenshot(page, 'reading-phone-filters-360');
  await show.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.ok(await page.locator('main article.event h3').first().isVisible());
  // Tap targets: at least 24 by 24 CSS pixels.
  await toggle.click();
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, summary, input[type=checkbox], .tab')]
      .filter((el) => el.offsetParent)
      .map((el) => [el.textContent.trim().slice(0, 30) || el.id, el.getBoundingClientRect()])
      .filter(([, r]) => r.width < 24 || r.height < 24)
      .map(([name, r]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  assert.deepEqual(small, []);
  await assertClean(page);
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds nothing in the claims view and the who-says-what table (${colorScheme})`, async () => {
    for (const view of ['claims']) {
      const page = await open(`?view=${view}&stance=denies`, { colorScheme });
      const results = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), []);
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, `reading-${view}-${width}-${colorScheme}`);
      }
      await assertClean(page);
    }
  });
}

test('the embed snippet sizes its frame in a 700 px host page: no inner scroll', async () => {
  // A wiki at its own origin, and a copy of the briefing that allows it
  // (what a publisher does at deploy time: list the wiki's origin).
  const hostDir = await mkdtemp(join(tmpdir(), 'briefing-wiki-'));
  const host = await serve({ dir: hostDir });
  const siteDir = await mkdtemp(join(tmpdir(), 'briefing-allowing-'));
  await cp(DIST_DIR, siteDir, { recursive: true });
  const index = await readFile(join(siteDir, 'index.html'), 'utf8');
  await writeFile(
    join(siteDir, 'index.html'),
    index.replace(/<meta charset=["']?utf-8["']?>/i, (m) => `${m}<meta name="briefing-embed-origins" content="${new URL(host.url).origin}">`),
  );
  const site = await serve({ dir: siteDir });
  try {
    const page = await newPage(env.browser, { origin: new URL(site.url).origin });
    await openBriefing(page, site.url + '?stance=denies');
    await page.getByText('Embed this view').click();
    const snippet = await page.getByLabel(/Embed code/).inputValue();
    assert.match(snippet, /<iframe [^>]*data-briefing-viewer/);
    assert.match(snippet, /<script src="[^"]*embed-host\.js"/);
    await page.context().close();

    await writeFile(
      join(hostDir, 'index.html'),
      `<!doctype html><html lang="en"><title>Wiki</title><link rel="icon" href="data:,">
       <body style="max-width:700px;margin:0 auto;font-family:sans-serif"><h1>Wiki page</h1><p>Before.</p>${snippet}<p>After.</p></body></html>`,
    );
    const wiki = await newPage(env.browser, { width: 700, height: 900 });
    await wiki.goto(host.url);
    const frame = wiki.frameLocator('iframe');
    await frame.getByRole('status').waitFor();
    // The frame is on another origin: ask it how tall its content is.
    const inner = () => wiki.frames().find((f) => f !== wiki.mainFrame());
    const fits = async () => {
      for (let i = 0; i < 100; i++) {
        const [content, view] = await inner().evaluate(() => [document.documentElement.scrollHeight, innerHeight]);
        const frameHeight = await wiki.evaluate(() => document.querySelector('iframe').clientHeight);
        if (content <= view + 1 && frameHeight === view && view > 300) return;
        await wiki.waitForTimeout(100);
      }
      assert.fail('the frame still scrolls inside');
    };
    await fits();
    // The embedded view keeps title, as-of and the way out; drops page-only tools.
    assert.ok(await frame.getByRole('heading', { level: 1 }).isVisible());
    assert.ok(await frame.getByText(/^As of /).isVisible());
    assert.ok(await frame.getByRole('link', { name: 'Open the full briefing' }).isVisible());
    assert.equal(await frame.getByText('Embed this view').count(), 0);
    assert.equal(await frame.getByRole('button', { name: 'Copy link' }).count(), 0);
    const before = await wiki.evaluate(() => document.querySelector('iframe').clientHeight);
    await frame.getByRole('button', { name: 'Expand all' }).click();
    await wiki.waitForFunction((h) => document.querySelector('iframe').clientHeight > h, before);
    await fits();
    await screenshot(wiki, 'reading-embed-700');
    await assertClean(wiki);
  } finally {
    await host.close();
    await site.close();
    await rm(hostDir, { recursive: true, force: true });
    await rm(siteDir, { recursive: true, force: true });
  }
});

test('print: the who-says-what table prints', async () => {
  const page = await open('?view=claims');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.getByRole('table', { name: /Claims by speaker/ }).isVisible());
  assert.ok(await page.locator('.who blockquote').first().isVisible(), 'the quotes print unfolded');
  assert.equal(await page.getByRole('button', { name: 'Copy link' }).isVisible(), false);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000);
  await assertClean(page);
});
