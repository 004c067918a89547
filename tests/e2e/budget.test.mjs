// The size budget: what the default page loads, gzipped, may not grow past
// the committed bound in size-budget.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DIST_DIR } from './harness.mjs';

test('the default page stays within the committed gzip budget', async () => {
  const budget = JSON.parse(await readFile(new URL('../../size-budget.json', import.meta.url), 'utf8')).gzip_bytes;
  const html = await readFile(join(DIST_DIR, 'index.html'), 'utf8');
  // Everything index.html references, as the browser would load it.
  const files = [...new Set([...html.matchAll(/(?:href|src)=["']?\.\/([^"' >]+)/g)].map((m) => m[1]))];
  const boot = files.find((f) => f.startsWith('boot-'));
  assert.ok(boot && files.some((f) => f.endsWith('.wasm')) && files.some((f) => f.endsWith('.css')), `${files}`);
  const sizes = { 'index.html': gzipSync(html, { level: 9 }).length };
  for (const file of files) sizes[file] = gzipSync(await readFile(join(DIST_DIR, file)), { level: 9 }).length;
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  console.log(`gzip total ${total} bytes of a ${budget}-byte budget:`, sizes);
  assert.ok(total <= budget, `the page loads ${total} bytes gzipped, over the ${budget}-byte budget`);
});
