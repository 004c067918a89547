// The foundation: the release dist/ renders the briefing with no errors, and
// its index.html holds no absolute URLs, so it works from any sub-path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setUp, counts, DIST_DIR, assertClean, screenshot } from './harness.mjs';

const env = setUp();

test('the page renders the title and an "N of M events" status', async () => {
  const page = await env.open();
  await assert.doesNotReject(
    page.getByRole('heading', { level: 1, name: /US–Russia backchannel contacts/ }).waitFor(),
  );
  const [shown, total] = await counts(page);
  assert.equal(shown, total);
  assert.ok(total >= 15, 'the bundled dataset has its events');
  await screenshot(page, 'foundation');
  await assertClean(page);
});

test('dist/index.html has no absolute URLs', async () => {
  const html = await readFile(join(DIST_DIR, 'index.html'), 'utf8');
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
