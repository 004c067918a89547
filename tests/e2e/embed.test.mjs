// Every route a reader may open the briefing by: a sub-path, an iframe, the
// single file from file://, a strict CSP, and another dataset at run time.
// No request may leave the page's origin in any of them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { setUp, counts, waitForCounts, DIST_DIR, newPage, openBriefing, assertClean, screenshot } from './harness.mjs';

const MINIMAL = new URL('../fixtures/minimal.json', import.meta.url).pathname;
const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'";

// dist/ plus test datasets, served together so ?data= can reach them.
const env = setUp({
  site: async (root) => {
    await cp(MINIMAL, join(root, 'minimal.json'));
    const broken = (await readFile(MINIMAL, 'utf8'))
      .replace('"status": "confirmed"', '"status": "rumoured"')
      .replace('"actor": "bob", "role"', '"actor": "carol", "role"');
    await writeFile(join(root, 'broken.json'), broken);
    await writeFile(join(root, 'truncated.json'), (await readFile(MINIMAL, 'utf8')).slice(0, 200));
  },
});
let browser, site, root;
before(async () => ({ browser, server: site, root } = await env.ready));

const originOf = (url) => new URL(url).origin;

/** Drops the problems a test provoked on purpose; any other still fails it. */
function expectProblems(page, patterns) {
  for (const pattern of patterns) {
    const at = page.problems.findIndex((p) => pattern.test(p));
    assert.ok(at >= 0, `expected a problem matching ${pattern}, got ${JSON.stringify(page.problems)}`);
    page.problems = page.problems.filter((p) => !pattern.test(p));
  }
}

test('from a sub-path of a static server', async () => {
  const sub = await serve({ dir: root, prefix: '/wiki/briefing/' });
  try {
    const page = await newPage(browser, { origin: originOf(sub.url) });
    await openBriefing(page, sub.url + '?data=minimal.json');
    assert.deepEqual(await counts(page), [1, 1]);
    assert.match(await page.locator('.dataset-name').textContent(), /minimal\.json \(1 events\)/);
    await assertClean(page);
  } finally {
    await sub.close();
  }
});

test('the single file renders fully from file:// and makes no request at all', async () => {
  const file = pathToFileURL(join(DIST_DIR, 'briefing.html')).href;
  const page = await newPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(file);
  await page.getByRole('status').waitFor();
  const [shown, total] = await counts(page);
  assert.ok(total >= 15 && shown === total);
  await page.getByRole('button', { name: 'Witkoff and Ushakov speak by phone', exact: true }).click();
  assert.ok(await page.locator('article.open blockquote').first().isVisible());
  assert.deepEqual(requests.filter((u) => !u.startsWith('data:')), [file], 'only the file itself');
  await screenshot(page, 'single-file');
  await assertClean(page);
});

test('under a strict Content-Security-Policy: no violation', async () => {
  const strict = await serve({ dir: root, headers: { 'Content-Security-Policy': CSP } });
  try {
    const page = await newPage(browser, { origin: originOf(strict.url) });
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
      );
    });
    await openBriefing(page, strict.url + '?event=witkoff-ushakov-call');
    await page.getByRole('group', { name: 'Actor', exact: true }).getByRole('checkbox').first().check();
    await page.getByRole('searchbox', { name: 'Search' }).fill('peskov');
    await page.goto(strict.url + '?data=minimal.json');
    await page.getByRole('status').waitFor();
    assert.deepEqual(await counts(page), [1, 1]);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await assertClean(page);
  } finally {
    await strict.close();
  }
});

test('embedded in an iframe: compact, and it posts its height to the host', async () => {
  const hostDir = await mkdtemp(join(tmpdir(), 'briefing-host-'));
  await writeFile(
    join(hostDir, 'index.html'),
    `<!doctype html><title>Wiki</title><link rel="icon" href="data:,"><h1>Wiki page</h1>
     <iframe id="b" title="Briefing" src="${site.url}?embed=1&status=denied" width="800" height="600"></iframe>
     <script>
       window.heights = [];
       addEventListener('message', (e) => {
         if (e.data && e.data.type === 'briefing-viewer:height') {
           window.heights.push(e.data.height);
           document.getElementById('b').height = e.data.height;
         }
       });
     </script>`,
  );
  const host = await serve({ dir: hostDir });
  try {
    const page = await newPage(browser, { origin: originOf(host.url) });
    // Requests from the frame go to the briefing's own origin, and nowhere else.
    page.problems = [];
    page.removeAllListeners('request');
    page.on('request', (req) => {
      const o = originOf(req.url());
      if (![originOf(host.url), originOf(site.url)].includes(o) && !req.url().startsWith('data:')) {
        page.problems.push(`request to another origin: ${req.url()}`);
      }
    });
    await page.goto(host.url);
    const frame = page.frameLocator('#b');
    await frame.getByRole('status').waitFor();
    await page.waitForFunction(() => window.heights.length > 0);
    const heights = await page.evaluate(() => window.heights);
    assert.ok(heights.at(-1) > 200, `height message: ${heights}`);
    assert.equal(await frame.locator('.masthead').count(), 0, 'no page header when embedded');
    assert.equal(await frame.locator('.embed-header h1').count(), 1);
    assert.equal(await frame.locator('.filters details').getAttribute('open'), null, 'filters start folded');
    const [shown] = await counts(frame);
    assert.ok(shown > 0);
    // Opening an event changes the height, and the host hears of it.
    const before = heights.length;
    await frame.getByRole('button', { name: 'Ushakov and Dmitriev discuss a peace plan by phone, according to Bloomberg', exact: true }).click();
    await page.waitForFunction((n) => window.heights.length > n, before);
    await screenshot(page, 'iframe-host');
    await assertClean(page);
  } finally {
    await host.close();
    await rm(hostDir, { recursive: true, force: true });
  }
});

test('"Copy embed code" copies an iframe for the current view', async () => {
  const page = await newPage(browser, { origin: originOf(site.url) });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: originOf(site.url) });
  await openBriefing(page, site.url + '?actor=yuriy-ushakov');
  await page.getByText('Embed this view').click();
  const code = await page.getByLabel('Embed code for a wiki page (this exact view)').inputValue();
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?actor=yuriy-ushakov&amp;embed=1" title="US–Russia/);
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await page.getByText('Copied to the clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  await assertClean(page);
});

test('?data= loads another dataset from the same site and says which it shows', async () => {
  const page = await newPage(browser, { origin: originOf(site.url) });
  await openBriefing(page, site.url + '?data=minimal.json');
  assert.deepEqual(await counts(page), [1, 1]);
  assert.ok(await page.getByRole('heading', { level: 1, name: 'Minimal briefing' }).isVisible());
  assert.match(await page.locator('.dataset-name').textContent(), /Dataset: minimal\.json/);
  // The data parameter survives changes to the view.
  await page.getByRole('button', { name: 'Alice calls Bob', exact: true }).click();
  assert.match(page.url(), /data=minimal\.json/);
  await assertClean(page);
});

test('a broken dataset lists its problems and the current briefing stays', async () => {
  const page = await newPage(browser, { origin: originOf(site.url) });
  await openBriefing(page, site.url + '?data=broken.json');
  const panel = page.getByRole('alert');
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /The dataset “broken\.json” could not be used/);
  assert.match(text, /claims\[0\]\.status: unknown claim status "rumoured"/);
  assert.match(text, /events\[0\]\.participants\[1\]\.actor: refers to actor "carol"/);
  const [shown, total] = await counts(page);
  assert.ok(total >= 15 && shown === total, 'the bundled briefing is still shown');

  await page.goto(site.url + '?data=truncated.json');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /line \d+, column \d+: the file is not valid JSON/);

  await page.goto(site.url + '?data=missing.json');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /the server answered 404/);
  expectProblems(page, [/HTTP 404: .*missing\.json/, /console error: .*404/]);
  await assertClean(page);
});

test('a dataset on another site is refused with a message, and nothing is fetched from it', async () => {
  const page = await newPage(browser, { origin: originOf(site.url) });
  await openBriefing(page, site.url + '?data=' + encodeURIComponent('https://example.org/evil.json'));
  assert.match(await page.getByRole('alert').textContent(), /Refused to load the dataset “https:\/\/example\.org\/evil\.json”/);
  const [shown, total] = await counts(page);
  assert.ok(total >= 15 && shown === total);
  await assertClean(page); // fails on any request to example.org
});

test('"Open dataset…" and drag and drop read a local file, never uploading it', async () => {
  const page = await newPage(browser, { origin: originOf(site.url) });
  await openBriefing(page, site.url + '?actor=yuriy-ushakov');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));

  await page.getByLabel('Open dataset…').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"meta": {}, "actors": []}'),
  });
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /“bad\.json” could not be used/);
  assert.equal((await counts(page))[0] < (await counts(page))[1], true, 'the filtered view stays');

  await page.getByLabel('Open dataset…').setInputFiles(MINIMAL);
  await waitForCounts(page, { shown: 1, total: 1 });
  assert.equal(await page.getByRole('alert').count(), 0, 'success clears the problem list');
  assert.match(await page.locator('.dataset-name').textContent(), /minimal\.json \(1 events\)/);

  const text = await readFile(MINIMAL, 'utf8');
  await page.evaluate((json) => {
    const data = new DataTransfer();
    data.items.add(new File([json.replace('Minimal briefing', 'Dropped briefing')], 'dropped.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text);
  await page.getByRole('heading', { level: 1, name: 'Dropped briefing' }).waitFor();
  assert.deepEqual(requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:')), [], 'nothing was sent');
  await assertClean(page);
});

test('if the wasm cannot load, or WebAssembly is missing, the page says so in words', async () => {
  const page = await newPage(browser, { origin: originOf(site.url) });
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(site.url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /The briefing could not start: its program did not load/);
  expectProblems(page, [/request failed: .*\.wasm/]);
  page.problems = page.problems.filter((p) => !/console error|uncaught/.test(p));
  await assertClean(page);

  const bare = await newPage(browser, { origin: originOf(site.url) });
  await bare.addInitScript(() => delete globalThis.WebAssembly);
  await bare.goto(site.url);
  await bare.getByRole('alert').waitFor();
  assert.match(await bare.getByRole('alert').textContent(), /cannot run WebAssembly/);
  await assertClean(bare);
});

test('with JavaScript off, <noscript> explains what the page needs', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url);
  assert.match(await page.locator('body').innerText(), /needs JavaScript and WebAssembly/);
  await context.close();
});

test('a crash ends in words and a way back, never a dead page', async () => {
  const page = await newPage(browser, { origin: originOf(site.url) });
  await openBriefing(page, site.url + '?actor=yuriy-ushakov');
  const glue = await page.evaluate(() => [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => l.href)[0]);
  await page.evaluate(async (src) => (await import(src)).simulate_crash_for_tests(), glue).catch(() => {});
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Something went wrong in this briefing/);
  await page.getByRole('link', { name: 'reset the view' }).click();
  await page.getByRole('status').waitFor();
  assert.equal(new URL(page.url()).search, '');
  page.problems = page.problems.filter((p) => !/simulated crash|unreachable|RuntimeError/.test(p));
  await assertClean(page);
});
