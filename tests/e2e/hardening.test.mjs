// Hostile and broken datasets through the run-time loader: nothing runs,
// nothing breaks the layout, every failure is a readable error panel, and
// the briefing on screen stays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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
    ['nested.json', '['.repeat(100_000) + ']'.repeat(100_000), /not valid JSON: recursion limit exceeded/],
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
