// A large dataset: the result list keeps only the rows in view in the DOM,
// scrolling and filtering keep working, and nothing errors when the list
// shrinks below the windowing threshold and grows again.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { setUp, counts, waitForCounts, newPage, openBriefing, assertClean, address } from './harness.mjs';

const EVENTS = 2000;
const env = setUp({
  // The benchmark's generator, small and seeded: a valid dataset of real shape.
  site: async (root) => {
    execFileSync('cargo', ['run', '--quiet', '--bin', 'briefing-gen', '--', '--events', String(EVENTS), '--seed', '3', '--out', join(root, 'large.json')], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  },
});
let browser, site;
before(async () => ({ browser, server: site } = await env.ready));

test('only the rows in view are in the DOM, and scrolling brings the others', async () => {
  const page = await newPage(browser, { origin: new URL(site.url).origin });
  await openBriefing(page, site.url + '?data=large.json');
  await waitForCounts(page, { shown: EVENTS, total: EVENTS, timeout: 60_000 });
  assert.ok((await page.locator('main article').count()) < 60, 'a window, not the whole list');
  const firstTitle = await page.locator('main article h3').first().textContent();
  // Scroll to the end until it stays the end: measured rows replace estimates
  // as they come into view, so the page's height settles over a few frames.
  let lastId = '';
  for (let i = 0; i < 20; i++) {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(150);
    const id = await page.locator('main article').last().getAttribute('id');
    const atEnd = await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2);
    if (id === lastId && atEnd) break;
    lastId = id;
  }
  assert.notEqual(await page.locator('main article h3').first().textContent(), firstTitle);
  const articles = await page.locator('main article').count();
  assert.ok(articles > 0 && articles < 60, `${articles} articles at the bottom`);
  // The last event is reachable and opens with the keyboard.
  const id = await page.locator('main article').last().getAttribute('id');
  const last = page.locator(`#${id} button.event-toggle`);
  await last.focus();
  await page.keyboard.press('Enter');
  assert.equal(await last.getAttribute('aria-expanded'), 'true');
  assert.equal(`event-${(await address(page)).searchParams.get('event')}`, id);
  assert.ok(await page.locator(`#${id} .detail`).isVisible(), 'its detail is shown');
  await assertClean(page);
});

test('filtering across the windowing threshold and back raises no error', async () => {
  const page = await newPage(browser, { origin: new URL(site.url).origin });
  await openBriefing(page, site.url + '?data=large.json');
  await waitForCounts(page, { shown: EVENTS, total: EVENTS, timeout: 60_000 });
  await page.evaluate(() => window.scrollTo(0, 40_000));
  const search = page.getByRole('searchbox', { name: 'Search' });
  for (const query of ['ceasefire', '', 'zzzz-nothing', '', 'moscow']) {
    await search.fill(query);
    await page.waitForTimeout(100);
  }
  const [shown, total] = await counts(page);
  assert.ok(shown > 0 && shown < total);
  await search.fill('');
  assert.deepEqual(await counts(page), [EVENTS, EVENTS]);
  await assertClean(page);
});

test('the claims view of a large dataset shows a page of claims, says what it leaves out, and shows more on request', async () => {
  const page = await newPage(browser, { origin: new URL(site.url).origin });
  await openBriefing(page, site.url + '?data=large.json&view=claims');
  await waitForCounts(page, { shown: EVENTS, total: EVENTS, timeout: 60_000 });
  const heading = page.getByRole('heading', { name: /^Who says what: / });
  await heading.waitFor();
  const claims = Number((await heading.textContent()).match(/([\d,]+) claims/)[1].replace(/,/g, ''));
  const rows = page.locator('table.who tbody tr');
  assert.ok(claims > 60, `${claims} claims`);
  assert.equal(await rows.count(), 30, 'the first 30 claims');
  // Columns: the claim, then at most 24 speakers; the rest are counted.
  assert.equal(await page.locator('table.who thead th').count(), 1 + 24);
  const note = page.locator('.who-view p.hint', { hasText: 'Shown:' });
  assert.match(await note.textContent(), /^Shown: the first 30 claims and the 24 speakers with the most stances \(\d+ more speak on these claims: tick them under Actor to see what they say\)\.$/);
  // A cell's quotes are built after the table is shown, a slice at a time
  // (the click does not wait for them), so that find-in-page finds every
  // quote in a closed cell; one opened sooner is built as it opens.
  const cells = page.locator('table.who td details');
  const first = cells.first();
  await first.locator('summary').click();
  assert.ok(await first.locator('blockquote').first().isVisible(), 'an opened cell shows its quotes');
  await page.waitForFunction(() => !document.querySelector('table.who details[data-cell]'));
  const closed = page.locator('table.who td details:not([open])').last();
  const quote = (await closed.locator('blockquote').first().textContent()).trim();
  assert.ok(quote.length > 10, `a closed cell holds its quote: ${quote}`);
  assert.ok(await page.evaluate((q) => window.find(q.slice(0, 40)), quote), 'find-in-page finds a quote in a closed cell');
  await first.locator('summary').click();
  await page.waitForFunction(() => !document.querySelector('table.who td details[open]'));
  // "Show more", by keyboard: 30 more rows, and the first of them has the focus.
  const more = page.getByRole('button', { name: 'Show 30 more claims' });
  await more.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('table.who tbody tr').length === 60);
  const focused = await page.evaluate(() => {
    const row = document.activeElement?.closest('tr');
    return row ? [...row.parentElement.children].indexOf(row) : -1;
  });
  assert.equal(focused, 30, 'the first claim added has the focus');
  // On paper every cell prints open, with its quotes and sources, at once
  // (the added rows' cells are not all built yet); a cell the reader opened
  // is open again on screen after it.
  const added = cells.nth(-1);
  await cells.first().locator('summary').click();
  await page.emulateMedia({ media: 'print' });
  const [all, built] = await page.evaluate(() => [
    document.querySelectorAll('table.who td details').length,
    document.querySelectorAll('table.who td details > ul.stances').length,
  ]);
  assert.ok(all > 30 && built === all, `${built} of ${all} cells built for paper`);
  assert.ok(await added.locator('blockquote').first().isVisible(), 'a closed cell prints its quotes');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await cells.first().getAttribute('open'), '', 'the cell opened before printing is still open');
  assert.equal(await page.locator('table.who td details[open]').count(), 1, 'and only that one');
  assert.equal(Number((await heading.textContent()).match(/([\d,]+) claims/)[1].replace(/,/g, '')), claims, 'the count is of the whole view');
  await assertClean(page);
});

test('the search index is built in idle time (or a task at a time where there is none), and search finds what it did', async () => {
  // With idle callbacks: the build asks for them (counted by a wrapper).
  const page = await newPage(browser, { origin: new URL(site.url).origin });
  await page.addInitScript(() => {
    const ask = window.requestIdleCallback.bind(window);
    window.__idleAsks = 0;
    window.requestIdleCallback = (f, o) => {
      window.__idleAsks++;
      return ask(f, o);
    };
  });
  await openBriefing(page, site.url + '?data=large.json');
  await waitForCounts(page, { shown: EVENTS, total: EVENTS, timeout: 60_000 });
  await page.waitForFunction(() => window.__idleAsks > 0, null, { timeout: 10_000 });
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('moscow');
  await page.waitForTimeout(100);
  const found = await counts(page);
  assert.ok(found[0] > 0 && found[0] < EVENTS, `${found[0]} found`);
  await assertClean(page);

  // Without them (older Safari): the same results, no error.
  const bare = await newPage(browser, { origin: new URL(site.url).origin });
  await bare.addInitScript(() => delete window.requestIdleCallback);
  await openBriefing(bare, site.url + '?data=large.json');
  await waitForCounts(bare, { shown: EVENTS, total: EVENTS, timeout: 60_000 });
  await bare.waitForTimeout(1500);
  await bare.getByRole('searchbox', { name: 'Search' }).fill('moscow');
  await bare.waitForTimeout(100);
  assert.deepEqual(await counts(bare), found);
  await assertClean(bare);
});
