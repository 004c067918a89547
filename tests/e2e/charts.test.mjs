// The timeline and the network: drawn for the data, following the filters,
// and filtering when touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, counts, assertClean, screenshot } from './harness.mjs';

const env = setUp();
// The pictures are a view of their own (one click from the events).
const open = (query = '', options) => env.open(`${query}${query ? '&' : '?'}view=pictures`, options);
const timeline = (page) => page.getByRole('group', { name: /^Timeline of events/ });
const network = (page) => page.getByRole('group', { name: /^Who communicated with whom/ });
const shown = async (page) => (await counts(page))[0];

test('both pictures render every event and every actor', async () => {
  // Events whose sources give no date are listed, not placed on the time axis.
  const page = await env.open();
  const total = await shown(page);
  const undated = await page.locator('main article .date', { hasText: /^date not given$/ }).count();
  await page.getByRole('button', { name: 'Pictures' }).click();
  assert.ok(undated >= 2, 'the WhatsApp and secure-line channels are undated');
  assert.equal(await timeline(page).getByRole('button').count(), total - undated);
  const actors = await page.getByRole('group', { name: 'Actor', exact: true }).getByRole('checkbox').count();
  assert.equal(await network(page).getByRole('button').count(), actors);
  assert.ok((await network(page).locator('line.edge').count()) >= 5);
  await assertClean(page);
});

test('a mark opens its event; focus shows its tooltip', async () => {
  const page = await open();
  const mark = timeline(page).getByRole('button', { name: /^White House says the US is not seeking a back channel/ });
  await mark.focus();
  assert.match(await timeline(page).locator('.tooltip').textContent(), /White House says .* Thursday, 27 July 2023/);
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).searchParams.get('event'), 'white-house-denies-back-channel');
  assert.ok(await page.locator('article.open').isVisible());
  await assertClean(page);
});

test('dragging across the axis sets the date range and the URL; a button clears it', async () => {
  const page = await open();
  const total = await shown(page);
  const band = await timeline(page).locator('.axis-band').boundingBox();
  const y = band.y + band.height / 2;
  // The right third of the axis: the 2025 events.
  await page.mouse.move(band.x + band.width * 0.66, y);
  await page.mouse.down();
  await page.mouse.move(band.x + band.width * 0.8, y, { steps: 5 });
  await page.mouse.move(band.x + band.width * 0.99, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => location.search.includes('from='));
  const url = new URL(page.url());
  assert.match(url.searchParams.get('from') ?? '', /^2025-\d\d-\d\d$/);
  assert.match(url.searchParams.get('to') ?? '', /^202[56]-\d\d-\d\d$/);
  const after = await shown(page);
  assert.ok(after > 0 && after < total, `${after} of ${total}`);
  assert.ok((await timeline(page).locator('.mark.dim').count()) > 0, 'filtered-out events are dimmed');
  assert.match(await page.getByLabel('From', { exact: true }).inputValue(), /^2025-/);
  await page.getByRole('button', { name: 'Clear date range' }).click();
  assert.equal(await shown(page), total);
  assert.equal(new URL(page.url()).searchParams.get('from'), null);
  await assertClean(page);
});

test('clicking a node toggles that actor filter', async () => {
  const page = await open();
  const node = network(page).getByRole('button', { name: /^Kirill Dmitriev,/ });
  await node.click();
  assert.equal(await node.getAttribute('aria-pressed'), 'true');
  assert.equal(new URL(page.url()).searchParams.get('actor'), 'kirill-dmitriev');
  assert.ok(await page.getByRole('group', { name: 'Actor', exact: true }).getByRole('checkbox', { name: /^Kirill Dmitriev/ }).isChecked());
  assert.ok((await network(page).locator('.node.dim').count()) > 0, 'actors outside the result are dimmed');
  await node.press('Enter');
  assert.equal(new URL(page.url()).searchParams.get('actor'), null);
  await assertClean(page);
});

test('each picture has a table a screen reader can use', async () => {
  const page = await open('?status=denied');
  await page.getByText('Timeline as a table').click();
  const rows = page.getByRole('table').filter({ hasText: 'Events shown' }).locator('tbody tr');
  assert.equal(await rows.count(), await shown(page));
  await page.getByText('Network as a table').click();
  const contacts = page.getByRole('table').filter({ hasText: 'Contacts between actors' });
  assert.match(await contacts.textContent(), /Steve Witkoff\s*Yuriy Ushakov|Yuriy Ushakov\s*Steve Witkoff/);
  await assertClean(page);
});

test('screenshots of both pictures, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await open('?actor=yuriy-ushakov', { colorScheme });
    await page.locator('.pictures').screenshot({ path: new URL(`./artifacts/pictures-${colorScheme}.png`, import.meta.url).pathname });
    await screenshot(page, `pictures-page-${colorScheme}`);
    await assertClean(page);
  }
});
