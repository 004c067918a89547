// Hostile and broken datasets through the run-time loader: nothing runs,
// nothing breaks the layout, every failure is a readable error panel, and
// the briefing on screen stays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUp, counts, waitForCounts, newPage, openBriefing, assertClean, screenshot } from './harness.mjs';

const fixture = (name) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const env = setUp();
let browser, server, origin, scratch;
before(async () => {
  ({ browser, server, origin } = await env.ready);
  scratch = await mkdtemp(join(tmpdir(), 'briefing-garbage-'));
});
after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A page that fails the test on any dialog (alert() from a payload). */
async function guarded(options = {}) {
  const page = await newPage(browser, { origin, ...options });
  page.on('dialog', async (dialog) => {
    page.problems.push(`a dialog opened: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await openBriefing(page, server.url);
  return page;
}

const status = (page) => page.getByRole('status').textContent();

test('a hostile dataset shows its payloads as text and runs nothing', async () => {
  for (const width of [1280, 360]) {
    const page = await guarded({ width });
    await page.getByLabel('Open dataset…').setInputFiles(fixture('hostile.json'));
    await waitForCounts(page, { total: 3 });
    // Open every event: quotes of 10,000 characters, sources, notes.
    const toggles = page.locator('button.event-toggle');
    for (let i = 0; i < (await toggles.count()); i++) {
      await toggles.nth(i).click();
      await page.waitForTimeout(50);
    }
    const text = await page.locator('main').innerText();
    assert.ok(text.includes('<img src=x onerror=alert(1)>'), 'the payload is shown as text');
    assert.ok(text.includes('<svg onload=alert(3)>'));
    const injected = await page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      iframe: document.querySelectorAll('iframe').length,
      scripts: [...document.scripts].filter((s) => !s.src).length,
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      badLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !/^(https?:\/\/|#)/i.test(h)),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    }));
    assert.deepEqual(injected, { img: 0, iframe: 0, scripts: 0, handlers: 0, badLinks: [], overflow: injected.overflow });
    assert.ok(injected.overflow <= 0, `no horizontal overflow at ${width}px (${injected.overflow}px)`);
    // Events stay open together now: with every 10,000-character quote open
    // the page is ~700,000 px tall, too tall to photograph in time.
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await screenshot(page, `hostile-${width}`);
    await assertClean(page);
  }
});

test('javascript:, data: and vbscript: source URLs are refused with their paths', async () => {
  const page = await guarded();
  await page.getByLabel('Open dataset…').setInputFiles(fixture('hostile-urls.json'));
  const panel = page.getByRole('alert');
  await panel.waitFor();
  const text = await panel.textContent();
  for (let i = 0; i < 5; i++) assert.match(text, new RegExp(`sources\\[${i}\\]\\.url: .* is not an http\\(s\\) URL`));
  assert.deepEqual(await counts(page), [21, 21]);
  await assertClean(page);
});

test('structural garbage gives the error panel in bounded time and the briefing stays', async () => {
  const minimal = JSON.parse(await readFile(fixture('minimal.json'), 'utf8'));
  const duplicates = { ...minimal, actors: Array.from({ length: 100_000 }, () => minimal.actors[0]) };
  const big = `{"padding": "${'x'.repeat(50 * 1024 * 1024)}", ${JSON.stringify(minimal).slice(1)}`;
  const cases = [
    ['truncated.json', JSON.stringify(minimal).slice(0, 300), /line 1, column \d+: the file is not valid JSON/],
    ['types.json', '{"meta": 5, "actors": "x", "sources": {}, "events": null}', /meta: expected an object, found a number/],
    ['duplicates.json', JSON.stringify(duplicates), /actors\[1\]\.id: duplicate id "alice"[\s\S]*… and \d+ more/],
    ['big.json', big, /padding: unknown field/],
    ['nested.json', '['.repeat(100_000) + ']'.repeat(100_000), /not valid JSON: lists and objects are nested more than 128 deep/],
  ];
  const page = await guarded();
  await page.getByRole('group', { name: 'Claim status', exact: true }).getByRole('checkbox', { name: /^denied/ }).check();
  const before = await status(page);
  for (const [name, body, expected] of cases) {
    const path = join(scratch, name);
    await writeFile(path, body);
    const started = Date.now();
    await page.getByLabel('Open dataset…').setInputFiles(path);
    const panel = page.getByRole('alert');
    await panel.waitFor({ timeout: 30_000 });
    await page.waitForFunction((n) => document.querySelector('[role=alert] h3')?.textContent.includes(n), name, { timeout: 30_000 });
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 30, `${name}: ${seconds} s`);
    assert.match(await panel.textContent(), expected, name);
    assert.equal(await status(page), before, `${name}: the filtered briefing stays`);
    await page.getByRole('button', { name: 'Dismiss' }).click();
  }
  await assertClean(page);
});

test('scrolling to an event in a long, windowed list lands on it (no overshoot by the top spacer)', async () => {
  const path = join(scratch, 'large.json');
  execFileSync('cargo', ['run', '--quiet', '--bin', 'briefing-gen', '--', '--events', '2000', '--seed', '3', '--out', path], {
    cwd: new URL('../..', import.meta.url).pathname,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const ids = JSON.parse(await readFile(path, 'utf8')).events.map((e) => e.id);
  const page = await guarded();
  await page.getByLabel('Open dataset…').setInputFiles(path);
  await waitForCounts(page, { total: 2000, timeout: 60_000 });
  // Scroll well down, so the top spacer is tall, then open events far away
  // (below and above), as Back, a link or the timeline would.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.4));
  await page.waitForTimeout(500);
  for (const fraction of [0.9, 0.1, 0.6]) {
    const target = ids[Math.floor(ids.length * fraction)];
    await page.evaluate((target) => {
      const q = new URLSearchParams(location.search);
      q.set('event', target);
      history.pushState(history.state, '', '?' + q);
      dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
    }, target);
    await page.waitForFunction((target) => {
      const el = document.getElementById(`event-${target}`);
      if (!el) return false;
      const top = el.getBoundingClientRect().top;
      return top >= -2 && top < innerHeight / 2;
    }, target, { timeout: 30_000 });
  }
  await assertClean(page);
});

test('with 10,000 actors the Actor filter lists a few, finds any, and stays usable', async () => {
  const actors = Array.from({ length: 10_000 }, (_, i) => ({ id: `a${i}`, name: `Actor ${i}`, role: 'Envoy', affiliation: `Land ${i % 40}`, kind: 'government_official' }));
  const events = Array.from({ length: 5_000 }, (_, i) => ({
    id: `e${i}`,
    title: `Call ${i}`,
    date: { precision: 'month', value: `20${10 + (i % 15)}-0${1 + (i % 9)}` },
    status: 'happened',
    channel: { track: 'track_1', modality: 'phone_call' },
    participants: [{ actor: `a${2 * i}`, role: 'initiator' }, { actor: `a${2 * i + 1}`, role: 'recipient' }],
    summary: `Actor ${2 * i} calls Actor ${2 * i + 1}.`,
    sources: ['paper'],
  }));
  // Alice and Bob of the minimal dataset are a0 and a1 here.
  const minimal = JSON.parse((await readFile(fixture('minimal.json'), 'utf8')).replaceAll('"alice"', '"a0"').replaceAll('"bob"', '"a1"'));
  const data = { ...minimal, actors, events, claims: [{ ...minimal.claims[0], events: ['e0'] }] };
  const path = join(scratch, 'many-actors.json');
  await writeFile(path, JSON.stringify(data));
  const page = await guarded();
  await page.getByLabel('Open dataset…').setInputFiles(path);
  await waitForCounts(page, { total: 5000, timeout: 60_000 });
  const group = page.getByRole('group', { name: 'Actor', exact: true });
  const boxes = await group.getByRole('checkbox').count();
  assert.ok(boxes > 0 && boxes <= 60, `${boxes} actor checkboxes in the DOM, not 10,000`);
  assert.match(await group.textContent(), /60 of 10,000 actors shown, the most involved first/);
  // The others are a few keys away.
  await group.getByLabel('Find an actor').fill('Actor 9999');
  await group.getByRole('checkbox', { name: /^Actor 9999\b/ }).check();
  await waitForCounts(page, { shown: 1, total: 5000 });
  // The ticked actor stays listed when the search changes.
  await group.getByLabel('Find an actor').fill('Actor 12');
  assert.equal(await group.getByRole('checkbox', { name: /^Actor 9999\b/ }).isChecked(), true);
  const listed = () => group.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.id));
  const before = await listed();
  await group.getByRole('checkbox', { name: /^Actor 12\b/ }).check();
  await waitForCounts(page, { shown: 2, total: 5000 });
  // A listed box ticked stays in its place and keeps the keyboard focus.
  assert.deepEqual(await listed(), before);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-actor-a12');
  await group.getByRole('checkbox', { name: /^Actor 12\b/ }).uncheck();
  await waitForCounts(page, { shown: 1, total: 5000 });
  await group.getByLabel('Find an actor').fill('');
  assert.ok((await group.getByRole('checkbox').count()) <= 61, 'the busiest 60 and the ticked one');
  await assertClean(page);
});

test('one phone call among 10,000 participants opens, and the page stays responsive', async () => {
  // The shape that once ran the network layout out of memory (every pair of
  // participants): a valid 1.5 MB dataset.
  const minimal = JSON.parse((await readFile(fixture('minimal.json'), 'utf8')).replaceAll('"alice"', '"a0"').replaceAll('"bob"', '"a1"'));
  const actors = Array.from({ length: 10_000 }, (_, i) => ({ id: `a${i}`, name: `Actor ${i}`, role: 'Envoy', affiliation: `Land ${i % 40}`, kind: 'government_official' }));
  const call = { ...minimal.events[0], participants: actors.map((a, i) => ({ actor: a.id, role: i === 0 ? 'initiator' : 'participant' })) };
  const claims = [{ ...minimal.claims[0], status_override: { reason: 'A generated dataset.' } }];
  const path = join(scratch, 'crowded-call.json');
  await writeFile(path, JSON.stringify({ ...minimal, actors, events: [call], claims }));
  const page = await guarded();
  await page.getByLabel('Open dataset…').setInputFiles(path);
  await waitForCounts(page, { shown: 1, total: 1, timeout: 60_000 });
  assert.equal(await page.locator('main.crash').count(), 0, 'no crash view');
  // Still responsive: a filter applies.
  const group = page.getByRole('group', { name: 'Actor', exact: true });
  await group.getByLabel('Find an actor').fill('Actor 9999');
  await group.getByRole('checkbox', { name: /^Actor 9999\b/ }).check();
  await waitForCounts(page, { shown: 1, total: 1 });
  await assertClean(page);
});

test('a cell of 3,000 stances is built when opened, not unasked after the claims view is shown', async () => {
  // One speaker saying one claim 3,000 times: building that cell took
  // 215 ms, a freeze nobody asked for, so the view leaves it to its click.
  const briefing = JSON.parse(await readFile(new URL('../../data/briefing.json', import.meta.url), 'utf8'));
  const claim = briefing.claims[0];
  const [first] = claim.stances;
  for (let i = 0; i < 3000; i++) claim.stances.push({ ...first, quote: `Repeated statement number ${i}, for the record.` });
  const path = join(scratch, 'one-large-cell.json');
  await writeFile(path, JSON.stringify(briefing));
  const page = await guarded();
  await page.getByLabel('Open dataset…').setInputFiles(path);
  await waitForCounts(page, { total: briefing.events.length });
  await page.getByRole('button', { name: /^Claims/ }).click();
  const table = page.getByRole('table', { name: /Claims by speaker/ });
  await table.waitFor();
  // The other cells are built after the table is shown; the large one waits.
  await page.waitForFunction(() => document.querySelectorAll('table.who details[data-cell]').length === 1);
  const large = page.locator('table.who details[data-cell]');
  assert.equal((await large.getAttribute('data-cell')).split(',').length, 1 + 3001, 'the one left is the large cell');
  assert.ok((await page.locator('table.who blockquote').count()) > 10, 'the others hold their quotes');
  const row = page.locator(`tr[id="claim-${claim.id}"]`);
  await large.locator('summary').click();
  await row.locator('blockquote', { hasText: 'Repeated statement number 2999,' }).waitFor();
  assert.ok((await row.locator('details[open] blockquote').count()) >= 3001, 'opened, it holds every quote');
  await assertClean(page);
});
