// Trust by construction (issue 11): statuses checked against the stances,
// inferences marked in the page and in print, channels with no date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, counts, waitForCounts, assertClean, screenshot } from './harness.mjs';

const fixture = (name) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const env = setUp();
const filter = (page, legend) => page.getByRole('group', { name: legend, exact: true });
const checkbox = (page, legend, label) =>
  filter(page, legend).getByRole('checkbox', { name: new RegExp(`^${label}\\b`) });
const headings = (page) => page.locator('main article').getByRole('heading').allTextContents();
/** Whether a mark shows its reason (drawn by CSS from its data-reason attribute). */
const showsReason = (mark) => mark.evaluate((el) => getComputedStyle(el, '::after').display !== 'none');
const reasonOf = (mark) => mark.getAttribute('data-reason');

test('Channel “Messaging app” finds the WhatsApp conversations, shown as undated', async () => {
  const page = await env.open();
  await checkbox(page, 'Channel', 'Messaging app').check();
  assert.deepEqual(await headings(page), ['Conversations sometimes held over WhatsApp, as Ushakov admits']);
  const card = page.locator('main article').first();
  assert.match(await card.textContent(), /date not given/);
  assert.equal(await card.locator('time').count(), 0, 'no machine-readable date is claimed');
  await assertClean(page);
});

test('Zakharova’s rejection is reachable through Claim status “denied”', async () => {
  const page = await env.open();
  await checkbox(page, 'Claim status', 'denied').check();
  const shown = await headings(page);
  assert.ok(shown.includes('Zakharova says the back-channel reports are misinformation'), shown.join('\n'));
  await page.getByRole('button', { name: 'Zakharova says the back-channel reports are misinformation', exact: true }).click();
  const open = page.locator('article.open');
  await open.waitFor();
  const said = await open.textContent();
  assert.match(said, /Maria Zakharova\s*denies\s*Former US officials have reportedly held/);
  assert.match(said, /reports are an effort to spread misinformation/);
  await assertClean(page);
});

test('inferred dates and chains carry a mark whose reason shows on focus and hover, and in print', async () => {
  const page = await env.open('?event=white-house-denies-back-channel');
  const open = page.locator('article.open');
  await open.waitFor();
  const marks = open.locator('.inferred');
  assert.ok((await marks.count()) >= 2, 'the derived day and the borrowed weekday');
  const mark = marks.first();
  assert.equal(await showsReason(mark), false, 'hidden until asked for');
  await mark.focus();
  assert.ok(await showsReason(mark), 'shown on keyboard focus');
  assert.match(await reasonOf(mark), /^Day derived from a weekday.*“on Thursday”/);
  assert.match(await mark.getAttribute('aria-label'), /^Inferred\. Day derived from a weekday/);
  await page.keyboard.press('Tab');
  await page.mouse.move(0, 0);
  assert.equal(await showsReason(mark), false);
  await mark.hover();
  assert.ok(await showsReason(mark), 'shown on hover');
  await page.emulateMedia({ media: 'print' });
  await page.mouse.move(0, 0);
  // On paper each mark prints the numbers of its notes, and the notes print
  // each reason once, after the events.
  const notes = await page.locator('.inference-notes li').allTextContents();
  assert.ok(await page.getByRole('heading', { name: 'Inferences' }).isVisible(), 'the notes print');
  for (let i = 0; i < (await marks.count()); i++) {
    const mark = marks.nth(i);
    const content = await mark.evaluate((el) => getComputedStyle(el, '::after').content);
    assert.ok(await showsReason(mark), `mark ${i} prints its note numbers`);
    const note = await mark.getAttribute('data-note');
    assert.ok(content === '" [" attr(data-note) "]"' || content === `" [${note}]"`, content);
    const numbers = note.split(', ').map(Number);
    const reasons = (await reasonOf(mark)).split(' · ');
    assert.deepEqual(numbers.map((n) => notes[n - 1]), reasons, `mark ${i}: its notes are its reasons`);
  }
  await screenshot(page, 'trust-print');
  await assertClean(page);
});

test('every date and chain the data marks inferred is marked in the page', async () => {
  const page = await env.open('?event=ushakov-wiretapping');
  const open = page.locator('article.open');
  await open.waitFor();
  const text = await open.locator('.inferred').evaluateAll((els) => els.map((el) => el.dataset.reason));
  assert.ok(text.some((t) => /Year inferred from context/.test(t)), '2025 is inferred');
  assert.ok(text.some((t) => /Source chain inferred.*BBC/.test(t)), 'the BBC chain is inferred');
  // The event's own date, in the card header, is marked too.
  assert.ok(await open.locator('.event-meta .inferred, header .inferred, p .inferred').first().isVisible());
  await assertClean(page);
});

test('a status the stances do not allow is refused naming the claim and the rule; an override shows the curator’s judgement', async () => {
  const page = await env.open();
  const before = await counts(page);
  await page.getByLabel('Open dataset…').setInputFiles(fixture('bad-status.json'));
  const panel = page.getByRole('alert');
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /claim "they-spoke" is "denied"/);
  assert.match(text, /The rule for "denied": denied on record by a party/);
  assert.deepEqual(await counts(page), before, 'the briefing on screen stays');
  await page.getByRole('button', { name: 'Dismiss' }).click();

  await page.getByLabel('Open dataset…').setInputFiles(fixture('override.json'));
  await waitForCounts(page, { shown: 1, total: 1 });
  await page.getByRole('button', { name: 'Alice calls Bob', exact: true }).click();
  assert.ok(await page.locator('article.open .source .inferred').first().isVisible(), 'an inferred chain is marked');
  await page.getByRole('button', { name: /^Claims/ }).click();
  const note = page.getByRole('table').locator('.curators-judgement');
  await note.waitFor();
  assert.match(await note.textContent(), /^Curator's judgement: “alleged” is kept against the status rules\. Bob's word alone is thin/);
  await screenshot(page, 'trust-override');
  await assertClean(page);
});
