// The printed briefing: at most 8 A4 pages for the bundled data, the
// handling marking and "Page N of M" on every page, a chronology, no
// controls or disclosure triangles, no heading left at a page's foot, and a
// filtered view prints that view. Pages are rendered to PNG for looking at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { launch, serveDist, newPage, openBriefing, assertClean, ARTIFACTS } from './harness.mjs';

const data = JSON.parse(readFileSync(new URL('../../data/briefing.json', import.meta.url), 'utf8'));
const MARKING = data.meta.handling;

let browser, server, origin;
before(async () => {
  browser = await launch();
  server = await serveDist();
  origin = new URL(server.url).origin;
  await mkdir(ARTIFACTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Prints the view at `query`; returns the text of each page (pdftotext). */
async function print(query, name) {
  const page = await newPage(browser, { origin });
  await openBriefing(page, server.url + query);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  const file = `${ARTIFACTS}${name}.pdf`;
  await writeFile(file, pdf);
  // Pictures of the pages, to look at.
  execFileSync('pdftoppm', ['-png', '-r', '50', file, `${ARTIFACTS}${name}-page`]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim());
  return { page, pages };
}

const MONTH = /^\s*(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|UNDATED)\b.*\d{4}\s*$/;

// The page budget of issue 14: events print each statement once (the
// cards of issue 13), in two columns, after a one-page chronology.
const PAGE_BUDGET = 8;
test(`the full briefing prints to at most ${PAGE_BUDGET} A4 pages`, async () => {
  const { page, pages } = await print('', 'print-budget');
  assert.ok(pages.length <= PAGE_BUDGET, `${pages.length} pages`);
  await assertClean(page);
});

test('the full briefing prints with the marking and "Page N of M" on every page, a first page that orients, and no orphan heading', async () => {
  const { page, pages } = await print('', 'print-full');
  assert.ok(MARKING, 'the bundled briefing has a handling marking');
  pages.forEach((text, i) => {
    assert.ok(text.includes(MARKING), `page ${i + 1} carries the marking`);
    assert.match(text, new RegExp(`Page ${i + 1} of ${pages.length}\\b`), `page ${i + 1} is numbered`);
  });
  // First page: title, as-of, summary, key points, filters, the chronology.
  const first = pages[0];
  assert.ok(first.includes(data.meta.title.slice(0, 30)));
  assert.match(first, /As of/);
  assert.match(first, /No filters: all events\./);
  assert.match(first, /Chronology/);
  const all = pages.join('\n');
  // Every event, its quotes and sources are there; no controls, no triangles.
  for (const e of data.events) assert.ok(all.replace(/\s+/g, ' ').includes(e.title.slice(0, 25)), e.title);
  assert.match(all, /Reported by/);
  for (const control of ['▸', '▾', 'Dark mode', 'Clear date range', 'Network as a table', 'Also show statements']) {
    assert.ok(!all.includes(control), `"${control}" is not printed`);
  }
  // No page ends with a month heading or a sub-heading whose content is on the next page.
  pages.slice(0, -1).forEach((text, i) => {
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.includes(MARKING) && !/^Page \d+ of \d+$/.test(l));
    const last = lines.at(-1) ?? '';
    assert.ok(!MONTH.test(last) && !['Claims', 'Reported by', 'Chronology'].includes(last), `page ${i + 1} ends with the heading "${last}"`);
  });
  await assertClean(page);
});

test('printing a filtered view prints that view, with its filters and its chronology', async () => {
  const { page, pages } = await print('?actor=kirill-dmitriev', 'print-filtered');
  const all = pages.join('\n');
  assert.match(all, /Actor: Kirill Dmitriev/);
  const shown = await page.getByRole('status').textContent();
  const n = Number(shown.split(' ')[0]);
  assert.equal(await page.locator('.chronology tbody tr').count(), n);
  assert.ok(await page.locator('.chronology').isVisible(), 'the chronology prints');
  assert.ok(!all.includes('Putin on a state visit to Kyrgyzstan'), 'events outside the view are not printed');
  pages.forEach((text, i) => assert.match(text, new RegExp(`Page ${i + 1} of ${pages.length}\\b`)));
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('.chronology').isVisible(), false, 'on screen the timeline does the chronology\'s job');
  await assertClean(page);
});
