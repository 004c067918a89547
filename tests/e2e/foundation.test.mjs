// The foundation: the release dist/ renders the briefing with no errors, and
// its index.html holds no absolute URLs, so it works from any sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, serveDist, newPage, openBriefing, assertClean, screenshot } from './harness.mjs';

let browser, server;
before(async () => {
  browser = await launch();
  server = await serveDist();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the page renders the title and an "N of M events" status', async () => {
  const page = await newPage(browser, { origin: new URL(server.url).origin });
  await openBriefing(page, server.url);
  await assert.doesNotReject(
    page.getByRole('heading', { level: 1, name: /US–Russia backchannel contacts/ }).waitFor(),
  );
  const status = await page.getByRole('status').first().textContent();
  const match = status.match(/(\d+) of (\d+) events/);
  assert.ok(match, `status reads "${status}"`);
  assert.ok(Number(match[2]) >= 15, 'the bundled dataset has its events');
  await screenshot(page, 'foundation');
  await assertClean(page);
});

test('dist/index.html has no absolute URLs', async () => {
  const html = await readFile(new URL('../../dist/index.html', import.meta.url), 'utf8');
  const urls = [...html.matchAll(/(?:href|src|module_or_path)\s*[=:]\s*["']?([^"' >]+)/g)].map((m) => m[1]);
  assert.ok(urls.length >= 3, `found the asset references: ${urls}`);
  for (const url of urls) {
    // data: URLs (the empty favicon) fetch nothing; everything else must be relative.
    if (url.startsWith('data:')) continue;
    assert.ok(!/^(\/|[a-z]+:)/i.test(url), `absolute URL in dist/index.html: ${url}`);
  }
  const imports = [...html.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
  for (const url of imports) assert.ok(url.startsWith('./'), `absolute import: ${url}`);
});
