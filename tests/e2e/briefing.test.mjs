// The interactive briefing, driven as a reader would: by role and name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { setUp, counts, assertClean, screenshot, address } from './harness.mjs';

const env = setUp();
const open = env.open;

const articles = (page) => page.locator('main article');
const filter = (page, legend) => page.getByRole('group', { name: legend, exact: true });
const checkbox = (page, legend, label) =>
  filter(page, legend).getByRole('checkbox', { name: new RegExp(`^${label}\\b`) });

/** The count shown beside an option: the label reads "Name, N events" ("1 event"). */
async function optionCount(box) {
  const name = await box.evaluate((el) => el.labels[0].textContent);
  return Number(name.match(/(\d+)\s*events?$/)[1]);
}

test('each filter alone, and combined: AND across filters, OR within one', async () => {
  const page = await open();
  const [all, total] = await counts(page);
  assert.equal(all, total);
  assert.equal(await articles(page).count(), total);

  await checkbox(page, 'Actor', 'Kirill Dmitriev').check();
  const [dmitriev] = await counts(page);
  assert.ok(dmitriev > 0 && dmitriev < total);
  assert.equal(await articles(page).count(), dmitriev);

  await checkbox(page, 'Actor', 'Adrienne Watson').check();
  const [either] = await counts(page);
  assert.ok(either > dmitriev, 'OR within the Actor filter widens');

  await checkbox(page, 'Channel', 'Phone call').check();
  const [phone] = await counts(page);
  assert.ok(phone < either, 'AND across filters narrows');
  assert.deepEqual(await articles(page).getByRole('heading').allTextContents(), [
    'Ushakov and Dmitriev discuss a peace plan by phone, according to Bloomberg',
  ]);

  await checkbox(page, 'Claim status', 'denied').check();
  assert.equal((await counts(page))[0], 1);
  await page.getByRole('button', { name: 'Clear all filters' }).first().click();
  assert.equal((await counts(page))[0], total);

  await checkbox(page, 'Claim status', 'confirmed').check();
  const headings = await articles(page).getByRole('heading').allTextContents();
  // The one confirmed claim: the White House stating its own principle.
  assert.deepEqual(headings, ['White House says the US is not seeking a back channel with Russia']);
  await assertClean(page);
});

test("every option's count equals the results that ticking it gives", async () => {
  const page = await open('?channel=public_statement');
  for (const legend of ['Actor', 'Channel', 'Claim status', 'Stance']) {
    const boxes = filter(page, legend).getByRole('checkbox');
    const n = await boxes.count();
    assert.ok(n > 2, `${legend} has options`);
    for (let i = 0; i < n; i++) {
      const box = boxes.nth(i);
      if (await box.isChecked()) continue;
      const promised = await optionCount(box);
      await box.check();
      assert.equal((await counts(page))[0], promised, `${legend} option ${i}`);
      await box.uncheck();
    }
  }
  await assertClean(page);
});

test('search ignores case and accents and finds actors by alias', async () => {
  const page = await open();
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('Ushakov');
  const [plain] = await counts(page);
  assert.ok(plain >= 5);
  for (const query of ['usakov', 'UŠAKOV', 'Ушаков']) {
    await search.fill(query);
    assert.equal((await counts(page))[0], plain, `"${query}" finds what "Ushakov" finds`);
  }
  await search.fill('warmongers');
  assert.deepEqual((await articles(page).getByRole('heading').allTextContents()).sort(), [
    'Dmitriev calls the leaked quotes “fake” on X',
    'Peskov: the leak is an attempt to undermine peace efforts',
    'The leaked content of the Witkoff–Ushakov call appears in a Bloomberg report',
  ]);
  await search.fill('no such words anywhere');
  assert.equal((await counts(page))[0], 0);
  await assert.doesNotReject(page.getByRole('heading', { name: 'No events match' }).waitFor());
  await page.getByRole('button', { name: 'Clear Search' }).click();
  assert.equal(await search.inputValue(), '');
  await assertClean(page);
});

test('an empty result names the filters that exclude everything', async () => {
  const page = await open('?actor=adrienne-watson&status=partially_confirmed');
  assert.equal((await counts(page))[0], 0);
  const empty = page.getByRole('region', { name: 'No events match' });
  assert.match(await empty.textContent(), /Actor — without it, \d+ events? would show/);
  assert.match(await empty.textContent(), /Claim status — without it/);
  await empty.getByRole('button', { name: 'Clear all filters' }).click();
  const [shown, total] = await counts(page);
  assert.equal(shown, total);
  await assertClean(page);
});

test('the history entry of a change is written after its frame, one entry per change, even two in one frame', async () => {
  const page = await open();
  const entries = () => page.evaluate(() => history.length);
  const before = await entries();
  // Two ticks, each its own task as a reader's clicks are, most likely
  // within one frame: the first is written before the second, not lost.
  const written = await page.evaluate(async () => {
    const status = document.querySelector('[role=status]');
    const shown = status.textContent;
    document.getElementById('f-status-denied').click();
    // The view's effects run in microtasks; the address waits for the frame.
    for (let k = 0; k < 5; k++) await Promise.resolve();
    const changed = status.textContent !== shown;
    const within = location.search;
    await new Promise((next) => setTimeout(next));
    document.getElementById('f-status-confirmed').click();
    return { changed, within };
  });
  assert.ok(written.changed, 'the view changed within the task');
  assert.doesNotMatch(written.within, /status=/, 'the change is not in the address within its task');
  const statuses = (url) => url.searchParams.getAll('status').join(',').split(',').sort().join(' ');
  assert.equal(statuses(await address(page)), 'confirmed denied');
  assert.equal(await entries(), before + 2);
  await page.goBack();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('status') === 'denied');
  assert.ok(await checkbox(page, 'Claim status', 'denied').isChecked());
  assert.equal(await checkbox(page, 'Claim status', 'confirmed').isChecked(), false);
  await assertClean(page);
});

test('the view lives in the URL: reload, back and forward, pasted link', async () => {
  const page = await open();
  await checkbox(page, 'Actor', 'Yuriy Ushakov').check();
  await checkbox(page, 'Claim status', 'partially confirmed').check();
  await page.getByRole('searchbox', { name: 'Search' }).fill('call');
  await page.getByRole('button', { name: 'Witkoff and Ushakov speak by phone', exact: true }).click();
  const url = await address(page);
  assert.equal(url.searchParams.get('actor'), 'yuriy-ushakov');
  assert.equal(url.searchParams.get('status'), 'partially_confirmed');
  assert.equal(url.searchParams.get('q'), 'call');
  assert.equal(url.searchParams.get('event'), 'witkoff-ushakov-call');
  const filtered = await counts(page);

  await page.reload();
  await page.getByRole('status').waitFor();
  assert.deepEqual(await counts(page), filtered);
  assert.ok(await checkbox(page, 'Actor', 'Yuriy Ushakov').isChecked());
  assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), 'call');
  const toggle = page.getByRole('button', { name: 'Witkoff and Ushakov speak by phone', exact: true });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');

  await page.goBack(); // closes the event
  await page.waitForFunction(() => !location.search.includes('event='));
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await page.goBack(); // undoes the search (typing is one history entry)
  await page.waitForFunction(() => !location.search.includes('q='));
  await page.goBack(); // unticks "partially confirmed"
  await page.waitForFunction(() => !location.search.includes('status='));
  assert.equal(await checkbox(page, 'Claim status', 'partially confirmed').isChecked(), false);
  await page.goForward();
  await page.waitForFunction(() => location.search.includes('status='));
  assert.ok(await checkbox(page, 'Claim status', 'partially confirmed').isChecked());

  const pasted = await open(url.search);
  assert.deepEqual(await counts(pasted), filtered);
  await assertClean(pasted);
  await assertClean(page);
});

test('bad link parameters are ignored with a visible notice', async () => {
  const page = await open('?actor=nobody,yuriy-ushakov&status=rumoured&from=2025-13-40&event=nope&utm_source=wiki');
  const notice = page.getByRole('alert');
  await notice.waitFor();
  const text = await notice.textContent();
  for (const part of ['actor “nobody”', 'claim status “rumoured”', 'from=“2025-13-40”', 'event “nope”', '“utm_source”']) {
    assert.ok(text.includes(part), `notice mentions ${part}: ${text}`);
  }
  assert.ok(await checkbox(page, 'Actor', 'Yuriy Ushakov').isChecked(), 'the valid part still applies');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await page.getByRole('alert').count(), 0);
  await assertClean(page);
});

test('keyboard only: "/" to search, Tab to an event, Enter opens it, the quote is reachable, Escape closes', async () => {
  const page = await open();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  await page.keyboard.type('wiretapping');
  assert.equal((await counts(page))[0], 4);
  // Tab from the search box through the filters to the heading button of
  // Ushakov's remarks (a card shows the statements made in its event).
  let focused = '';
  for (let i = 0; i < 200 && !(focused.startsWith('event-toggle') && focused.includes('most likely came from wiretapping')); i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => `${document.activeElement.className}|${document.activeElement.textContent}`);
  }
  assert.ok(focused.startsWith('event-toggle'), 'an event heading is reachable by Tab');
  await page.keyboard.press('Enter');
  const article = page.locator('article.open');
  await article.waitFor();
  const quote = article.locator('blockquote').first();
  assert.ok(await quote.isVisible());
  // Tab onwards into the open event reaches the speaker's button, right above the quote.
  await page.keyboard.press('Tab');
  const inside = await page.evaluate(() => !!document.activeElement.closest('article.open'));
  assert.ok(inside, 'focus moves into the open event');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('article.open').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'event-toggle');
  await assertClean(page);
});

test('an actor name in an event filters to that actor', async () => {
  const page = await open();
  await page.locator('main article').getByRole('button', { name: 'Adrienne Watson', exact: true }).first().click();
  assert.ok(await checkbox(page, 'Actor', 'Adrienne Watson').isChecked());
  assert.equal((await address(page)).searchParams.get('actor'), 'adrienne-watson');
  const [shown] = await counts(page);
  assert.equal(shown, 2);
  await assertClean(page);
});

test('an open event shows claims, stances, quotes and sources with their chain', async () => {
  const page = await open('?event=peskov-leak-undermines-peace');
  const article = page.locator('article.open');
  const text = await article.textContent();
  assert.match(text, /Dmitry Peskov\s*asserts/);
  assert.match(text, /It is clear that there are many people in various countries/);
  assert.match(text, /TASR, citing DPA, citing TASS/);
  assert.match(text, /a Wednesday, October 2025 or later/);
  assert.equal(await article.locator('.event-meta time').count(), 0, 'no machine date more exact than the text');
  await assertClean(page);
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no accessibility violations (${colorScheme})`, async () => {
    const page = await open('?event=witkoff-ushakov-call', { colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
    assert.deepEqual(summary, []);
    await page.goto(env.server.url + '?actor=adrienne-watson&status=partially_confirmed');
    await page.getByRole('status').waitFor();
    const empty = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(empty.violations.map((v) => v.id), []);
    await assertClean(page);
  });
}

test('the dark mode toggle switches the theme', async () => {
  const page = await open();
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.notEqual(await bg(), light);
  await assertClean(page);
});

test('screenshots at 360 px and 1280 px, light and dark, do not overflow', async () => {
  for (const [width, colorScheme] of [[360, 'light'], [360, 'dark'], [1280, 'light'], [1280, 'dark']]) {
    const page = await open('?event=witkoff-ushakov-call', { width, colorScheme });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at ${width}px (overflow ${overflow}px)`);
    await screenshot(page, `briefing-${width}-${colorScheme}`);
    await assertClean(page);
  }
});

test('print: the filtered briefing with its filters, every event detail and sources', async () => {
  const page = await open('?actor=kirill-dmitriev');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.filters').isVisible(), false);
  assert.match(await page.locator('.active-filters').textContent(), /Actor: Kirill Dmitriev/);
  const details = page.locator('.detail');
  for (let i = 0; i < (await details.count()); i++) assert.ok(await details.nth(i).isVisible());
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000);
  await assertClean(page);
});
