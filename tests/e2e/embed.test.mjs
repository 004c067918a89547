// Every route a reader may open the briefing by: a sub-path, an iframe, the
// single file from file://, a strict CSP, and another dataset at run time.
// No request may leave the page's origin in any of them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { setUp, counts, waitForCounts, DIST_DIR, newPage, openBriefing, assertClean as assertCleanPage, dropReadDatasetAborts, screenshot, address } from './harness.mjs';

/** Problems, less a dataset fetch reported aborted after it was read (see the harness). */
async function assertClean(page) {
  dropReadDatasetAborts(page);
  await assertCleanPage(page);
}

const MINIMAL = new URL('../fixtures/minimal.json', import.meta.url).pathname;
const BUNDLED_JSON = new URL('../../data/briefing.json', import.meta.url).pathname;

/** The pack (compact form) of a JSON dataset, as curators write it: `briefing-check --pack`. */
function pack(json, out) {
  const run = spawnSync('cargo', ['run', '--quiet', '--locked', '--bin', 'briefing-check', '--', '--pack', out, json], { encoding: 'utf8' });
  assert.equal(run.status, 0, `briefing-check --pack failed: ${run.stdout}${run.stderr}`);
}
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
    pack(MINIMAL, join(root, 'minimal.pack'));
    pack(BUNDLED_JSON, join(root, 'briefing.pack'));
    const packed = await readFile(join(root, 'minimal.pack'));
    await writeFile(join(root, 'cut.pack'), packed.subarray(0, packed.length - 40));
    // The claim's status byte follows its id and text: "confirmed" (0) made
    // "denied" (4), which its two confirming stances do not allow.
    const text = Buffer.from('\x14Alice and Bob spoke.', 'latin1');
    const status = packed.indexOf(text) + text.length;
    assert.equal(packed[status], 0, 'the status code of "confirmed"');
    const denied = Buffer.from(packed);
    denied[status] = 4;
    await writeFile(join(root, 'denied.pack'), denied);
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
    assert.match(await page.locator('.dataset-name').textContent(), /minimal\.json \(1 event\)/);
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
  await page.getByRole('button', { name: 'Dmitriev calls the leaked quotes “fake” on X', exact: true }).click();
  assert.ok(await page.locator('article.open blockquote').first().isVisible());
  // The pictures' module is in the file too.
  await page.getByRole('navigation', { name: 'Views of the briefing' }).getByRole('button', { name: 'Pictures' }).click();
  await page.getByRole('group', { name: /^Timeline of events/ }).waitFor();
  await page.getByRole('group', { name: /^Who communicated with whom/ }).waitFor();
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
    // The pictures' module is fetched and started under the same policy.
    await page.getByRole('navigation', { name: 'Views of the briefing' }).getByRole('button', { name: 'Pictures' }).click();
    await page.getByRole('group', { name: /^Timeline of events/ }).waitFor();
    await page.goto(strict.url + '?data=minimal.json');
    await page.getByRole('status').waitFor();
    assert.deepEqual(await counts(page), [1, 1]);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await assertClean(page);
  } finally {
    await strict.close();
  }
});

/** A wiki page framing `src`, which records the height messages it hears. */
const hostPage = (src) => `<!doctype html><title>Wiki</title><link rel="icon" href="data:,"><h1>Wiki page</h1>
     <iframe id="b" title="Briefing" src="${src}" width="800" height="600"></iframe>
     <script src="host.js"></script>`;
const hostScript = `window.heights = [];
addEventListener('message', (e) => {
  if (e.data && e.data.type === 'briefing-viewer:height') {
    window.heights.push(e.data.height);
    document.getElementById('b').height = e.data.height;
  }
});`;

/** A host site at its own origin, and a copy of the briefing that allows it (or not). */
async function hostAndSite({ allow }) {
  const hostDir = await mkdtemp(join(tmpdir(), 'briefing-host-'));
  const host = await serve({ dir: hostDir });
  const siteDir = await mkdtemp(join(tmpdir(), 'briefing-allowing-'));
  await cp(root, siteDir, { recursive: true });
  if (allow) {
    // What a publisher does at deploy time: list the wiki's origin.
    const index = await readFile(join(siteDir, 'index.html'), 'utf8');
    await writeFile(
      join(siteDir, 'index.html'),
      index.replace(/<meta charset=["']?utf-8["']?>/i, (m) => `${m}<meta name="briefing-embed-origins" content="https://wiki.example ${originOf(host.url)}">`),
    );
  }
  const allowing = await serve({ dir: siteDir });
  return {
    host,
    site: allowing,
    frame: async (query) => {
      await writeFile(join(hostDir, 'index.html'), hostPage(allowing.url + query));
      await writeFile(join(hostDir, 'host.js'), hostScript);
    },
    close: async () => {
      await host.close();
      await allowing.close();
      await rm(hostDir, { recursive: true, force: true });
      await rm(siteDir, { recursive: true, force: true });
    },
  };
}

/** A page of the host that allows requests to the host and the briefing only. */
async function hostTab(origins) {
  const page = await newPage(browser, { origin: origins[0] });
  page.removeAllListeners('request');
  page.on('request', (req) => {
    if (!origins.includes(originOf(req.url())) && !req.url().startsWith('data:')) {
      page.problems.push(`request to another origin: ${req.url()}`);
    }
  });
  return page;
}

test('embedded in an iframe: compact, and it posts its height to an allowed host', async () => {
  const env = await hostAndSite({ allow: true });
  try {
    await env.frame('?embed=1&status=denied');
    const page = await hostTab([originOf(env.host.url), originOf(env.site.url)]);
    await page.goto(env.host.url);
    const frame = page.frameLocator('#b');
    await frame.getByRole('status').waitFor();
    await page.waitForFunction(() => window.heights.length > 0);
    const heights = await page.evaluate(() => window.heights);
    assert.ok(heights.at(-1) > 200, `height message: ${heights}`);
    assert.equal(await frame.locator('.masthead').count(), 0, 'no page header when embedded');
    assert.equal(await frame.locator('.embed-header h1').count(), 1);
    assert.equal(await frame.getByRole('button', { name: 'Filters' }).getAttribute('aria-expanded'), 'false', 'filters start folded');
    const [shown] = await counts(frame);
    assert.ok(shown > 0);
    // Opening an event changes the height, and the host hears of it.
    const heard = async (click) => {
      const before = await page.evaluate(() => window.heights.length);
      await click();
      await page.waitForFunction((n) => window.heights.length > n, before);
      await page.waitForTimeout(600);
      return (await page.evaluate(() => window.heights.length)) - before;
    };
    const once = await heard(() => frame.getByRole('button', { name: 'Ushakov and Dmitriev discuss a peace plan by phone, according to Bloomberg', exact: true }).click());
    await screenshot(page, 'iframe-host');
    // Each dataset switch used to add an observer: one change, many messages.
    // (Embedded there is no picker, a page-only tool; a file dropped on the frame still opens.)
    const json = await readFile(MINIMAL, 'utf8');
    for (const name of ['one.json', 'two.json']) {
      await frame.locator('body').evaluate((body, [json, name]) => {
        const data = new DataTransfer();
        data.items.add(new File([json], name, { type: 'application/json' }));
        body.ownerDocument.defaultView.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }, [json, name]);
      await frame.locator('.embed-dataset', { hasText: name }).waitFor();
    }
    const after = await heard(() => frame.getByRole('button', { name: 'Alice calls Bob', exact: true }).click());
    assert.equal(after, once, `one message per change after two switches (${once} before, ${after} after)`);
    await assertClean(page);
  } finally {
    await env.close();
  }
});

test('the height goes to no host the publisher did not allow, whatever the link says', async () => {
  const env = await hostAndSite({ allow: false });
  try {
    for (const query of ['?embed=1', `?embed=1&origin=${encodeURIComponent(originOf(env.host.url))}`, `?embed=1&embed_origins=*&targetOrigin=*`]) {
      await env.frame(query);
      const page = await hostTab([originOf(env.host.url), originOf(env.site.url)]);
      // The host listens for every message, of any shape.
      await page.addInitScript(() => {
        window.anything = [];
        addEventListener('message', (e) => window.anything.push(e.data));
      });
      await page.goto(env.host.url);
      const frame = page.frameLocator('#b');
      await frame.getByRole('status').waitFor();
      await frame.getByRole('button', { name: 'Ushakov and Dmitriev discuss a peace plan by phone, according to Bloomberg', exact: true }).click();
      await page.waitForTimeout(1500);
      assert.deepEqual(await page.evaluate(() => window.anything), [], `${query}: nothing posted to a host that is not allowed`);
      await assertClean(page);
    }
    // By default the page's own origin is allowed: a wiki on the same site hears it.
    const same = await newPage(browser, { origin: originOf(site.url) });
    await writeFile(join(root, 'host.js'), hostScript);
    await writeFile(join(root, 'host.html'), hostPage(site.url + '?embed=1'));
    await same.goto(site.url + 'host.html');
    await same.waitForFunction(() => window.heights?.length > 0);
    await assertClean(same);
  } finally {
    await env.close();
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
  assert.match((await address(page)).href, /data=minimal\.json/);
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

test('a pack (the compact form) shows what its JSON shows; a damaged one is refused in words', async () => {
  const page = await newPage(browser, { origin: originOf(site.url) });
  await openBriefing(page, site.url + '?data=minimal.pack');
  assert.deepEqual(await counts(page), [1, 1]);
  assert.ok(await page.getByRole('heading', { level: 1, name: 'Minimal briefing' }).isVisible());
  assert.match(await page.locator('.dataset-name').textContent(), /Dataset: minimal\.pack/);

  // The bundled briefing from its pack: the same view, card for card.
  const view = async (url) => {
    await openBriefing(page, url);
    await page.locator('article.event').first().waitFor();
    return { counts: await counts(page), cards: await page.locator('article.event').allTextContents() };
  };
  const fromPack = await view(site.url + '?data=briefing.pack&status=denied&actor=yuriy-ushakov');
  const fromJson = await view(site.url + '?status=denied&actor=yuriy-ushakov');
  assert.ok(fromJson.counts[0] > 0 && fromJson.counts[0] < fromJson.counts[1], JSON.stringify(fromJson.counts));
  assert.deepEqual(fromPack, fromJson);

  await page.goto(site.url + '?data=cut.pack');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /The dataset “cut\.pack” could not be used.*: the pack ends here, in the middle: the file is cut off/);
  await page.goto(site.url + '?data=denied.pack');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /claims\[0\]\.status: claim "they-spoke" is "denied", which its stances do not allow/);
  const [shown, total] = await counts(page);
  assert.ok(total >= 15 && shown === total, 'the bundled briefing is still shown');

  // A pack opened from disk, as a reader would.
  await page.getByLabel('Open dataset…').setInputFiles(join(root, 'minimal.pack'));
  await waitForCounts(page, { shown: 1, total: 1 });
  assert.match(await page.locator('.dataset-name').textContent(), /minimal\.pack \(1 event\)/);
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
  assert.match(await page.locator('.dataset-name').textContent(), /minimal\.json \(1 event\)/);

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

  // Its script glue (the module that starts the wasm) failing says so too.
  const noGlue = await newPage(browser, { origin: originOf(site.url) });
  await noGlue.route(/\/briefing-[0-9a-f]+\.js$/, (route) => route.abort());
  await noGlue.goto(site.url);
  await noGlue.getByRole('alert').waitFor();
  assert.match(await noGlue.getByRole('alert').textContent(), /The briefing could not start: its program did not load/);
  expectProblems(noGlue, [/request failed: .*briefing-[0-9a-f]+\.js/]);
  noGlue.problems = noGlue.problems.filter((p) => !/console error|uncaught/.test(p));
  await assertClean(noGlue);

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
  assert.equal((await address(page)).search, '');
  page.problems = page.problems.filter((p) => !/simulated crash|unreachable|RuntimeError/.test(p));
  await assertClean(page);
});
