// The timeline and the network: drawn for the data at the width they are
// shown at, following the filters, and filtering when touched. Measured in
// the browser: no two marks overlap, every label is whole, no text is below
// 11 px, every mark can be clicked; the network's sides read apart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { serve } from '../../scripts/serve.mjs';
import { launch, serveDist, newPage, openBriefing, assertClean, dropReadDatasetAborts, screenshot, counts, DIST_DIR, address } from './harness.mjs';

const BUNDLED = JSON.parse(readFileSync(new URL('../../data/briefing.json', import.meta.url), 'utf8'));
let browser, server, origin, large, largeRoot;
before(async () => {
  browser = await launch();
  server = await serveDist();
  origin = new URL(server.url).origin;
  // A generated 2,000-event dataset beside a copy of dist/.
  largeRoot = await mkdtemp(join(tmpdir(), 'briefing-charts-'));
  await cp(DIST_DIR, largeRoot, { recursive: true });
  execFileSync('cargo', ['run', '--quiet', '--bin', 'briefing-gen', '--', '--events', '2000', '--seed', '5', '--out', join(largeRoot, 'large.json')], {
    cwd: new URL('../..', import.meta.url).pathname,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  large = await serve({ dir: largeRoot });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await large?.close();
  if (largeRoot) await rm(largeRoot, { recursive: true, force: true });
});

// The pictures are a view of their own (one click from the events).
async function open(query = '', options = {}) {
  const page = await newPage(browser, { origin, ...options });
  await openBriefing(page, `${server.url}${query}${query ? '&' : '?'}view=pictures`);
  await timeline(page).waitFor();
  return page;
}
const timeline = (page) => page.getByRole('group', { name: /^Timeline of events/ });
const network = (page) => page.getByRole('group', { name: /^Who communicated with whom/ });
const shown = async (page) => (await counts(page))[0];

/** Everything a reader needs of a picture, measured in the page. */
async function measure(page, selector) {
  return page.locator(selector).evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    const scale = svg.getScreenCTM().a;
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() && t.getBBox().width > 0);
    const fonts = texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    const rect = (r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    const cut = texts
      .map((t) => ({ text: t.textContent, r: rect(t.getBoundingClientRect()) }))
      .filter(({ r }) => r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5);
    const overlapping = (items) => {
      const out = [];
      for (let i = 0; i < items.length; i++)
        for (let j = i + 1; j < items.length; j++) {
          const [a, b] = [items[i].r, items[j].r];
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 0.5 && y > 0.5) out.push([items[i].name, items[j].name]);
        }
      return out;
    };
    // A mark's extent: its target, and its label if it has one.
    const marks = [...svg.querySelectorAll('.mark, .bin')].map((g) => {
      // In view, so that elementFromPoint can see it; rectangles in page coordinates.
      g.scrollIntoView({ block: 'center', inline: 'nearest' });
      const hit = g.querySelector('.hit').getBoundingClientRect();
      const [cx, cy] = [hit.left + hit.width / 2, hit.top + hit.height / 2];
      const at = document.elementFromPoint(cx, cy);
      const parts = [g.querySelector('.hit'), g.querySelector('.mark-label')].filter(Boolean).map((x) => x.getBoundingClientRect());
      const y = window.scrollY;
      const r = { left: Math.min(...parts.map((p) => p.left)), right: Math.max(...parts.map((p) => p.right)), top: y + Math.min(...parts.map((p) => p.top)), bottom: y + Math.max(...parts.map((p) => p.bottom)) };
      return { name: g.getAttribute('aria-label'), r, w: hit.width, h: hit.height, clickable: !!at && g.contains(at) };
    });
    const nodes = [...svg.querySelectorAll('.node')].map((g) => ({ name: g.getAttribute('aria-label'), r: rect(g.querySelector('.shape').getBoundingClientRect()), label: rect(g.querySelector('.node-label').getBoundingClientRect()) }));
    const nodeBoxes = nodes.flatMap((n) => [{ name: n.name, r: n.r }]);
    const labels = nodes.map((n) => ({ name: n.name, r: n.label }));
    return {
      width: box.width,
      minFont: Math.min(...fonts),
      cut,
      marks: marks.length,
      markOverlaps: overlapping(marks),
      smallTargets: marks.filter((m) => m.w < 23.5 || m.h < 23.5).map((m) => m.name),
      unclickable: marks.filter((m) => !m.clickable).map((m) => m.name),
      nodes,
      nodeOverlaps: overlapping(nodeBoxes),
      labelOverlaps: overlapping(labels),
    };
  });
}

function assertReads(m, where) {
  assert.ok(m.minFont >= 11, `${where}: smallest text ${m.minFont.toFixed(1)} px`);
  assert.deepEqual(m.cut, [], `${where}: labels cut at the picture's edge`);
  assert.deepEqual(m.markOverlaps ?? [], [], `${where}: marks overlap`);
  assert.deepEqual(m.smallTargets ?? [], [], `${where}: targets under 24 px`);
  assert.deepEqual(m.unclickable ?? [], [], `${where}: marks that cannot be clicked`);
  assert.deepEqual(m.nodeOverlaps ?? [], [], `${where}: nodes overlap`);
  assert.deepEqual(m.labelOverlaps ?? [], [], `${where}: node labels overlap`);
}

test('at 1280, 700 (embedded) and 360 px the timeline reads: no overlap, whole labels, text ≥ 11 px, every mark clickable', async () => {
  for (const [width, query] of [[1280, ''], [700, '?embed=1'], [360, '']]) {
    const page = await open(query, { width });
    const total = await shown(page);
    // Events whose sources give no date are listed, not placed on the time axis.
    const undated = BUNDLED.events.filter((e) => e.date.precision === 'undated').length;
    assert.ok(undated >= 2, 'the WhatsApp and secure-line channels are undated');
    const m = await measure(page, 'svg.timeline');
    assert.equal(m.marks, total - undated, `${width}: a mark per dated event`);
    assertReads(m, `timeline at ${width}`);
    assert.ok(await timeline(page).getByRole('img', { name: /years without events folded/ }).count() === 1, 'the empty years are folded');
    await screenshot(page, `timeline-${width}`);
    await page.locator('.pictures').screenshot({ path: new URL(`./artifacts/pictures-${width}.png`, import.meta.url).pathname });
    await assertClean(page);
  }
});

test('the network at 1280 px: sides apart, no cut labels, no overlaps, denied unlike alleged', async () => {
  const page = await open();
  const m = await measure(page, 'svg.network');
  assertReads(m, 'network');
  const centre = (name) => {
    const n = m.nodes.find((x) => x.name.startsWith(name));
    assert.ok(n, `${name} drawn`);
    return (n.r.left + n.r.right) / 2;
  };
  const us = m.nodes.filter((n) => n.name.includes('(United States)')).map((n) => (n.r.left + n.r.right) / 2);
  const ru = m.nodes.filter((n) => n.name.includes('(Russia)')).map((n) => (n.r.left + n.r.right) / 2);
  assert.ok(us.length >= 2 && ru.length >= 4);
  assert.ok(Math.max(...us) < Math.min(...ru), 'US on the left, Russia on the right');
  assert.ok(centre('Steve Witkoff') < centre('Kyrgyzstan') && centre('Kyrgyzstan') < centre('Yuriy Ushakov'));
  // Contacts only by default: the White House statement draws no node.
  assert.equal(await network(page).getByRole('button', { name: /^Adrienne Watson/ }).count(), 0);
  const style = (known) => page.locator(`.network-legend .edge.known-${known} .line`).evaluate((l) => {
    const s = getComputedStyle(l);
    return `${s.stroke} ${s.strokeDasharray}`;
  });
  const styles = await Promise.all(['happened', 'alleged', 'denied', 'planned'].map(style));
  assert.equal(new Set(styles).size, 4, `four distinct edge styles: ${styles}`);
  assert.ok((await network(page).locator('.edge.known-denied').count()) >= 2, 'denied contacts drawn as denied');
  assert.equal(await network(page).locator('.edge.known-denied .line').first().evaluate((l) => getComputedStyle(l).strokeDasharray), await page.locator('.network-legend .edge.known-denied .line').evaluate((l) => getComputedStyle(l).strokeDasharray));
  // The picture is about as wide as its content.
  const svgWidth = await network(page).evaluate((s) => s.getBoundingClientRect().width);
  assert.ok(svgWidth < 1000, `${svgWidth} px wide`);
  // Statements and publications behind a toggle.
  const before = await network(page).getByRole('button').count();
  await page.getByLabel(/Also show statements and publications/).check();
  assert.ok((await network(page).getByRole('button', { name: /^Adrienne Watson/ }).count()) === 1);
  assert.ok((await network(page).getByRole('button').count()) > before);
  assert.ok((await network(page).locator('.edge.known-alleged').count()) >= 1);
  assertReads(await measure(page, 'svg.network'), 'network with statements');
  await assertClean(page);
});

test('a mark opens its event; focus names it under the picture; arrow keys move between marks', async () => {
  const page = await open();
  const mark = timeline(page).getByRole('button', { name: /^White House says the US is not seeking a back channel/ });
  await mark.focus();
  assert.match(await page.locator('.focus-line').textContent(), /White House says .* 27 July 2023/);
  const id = () => page.evaluate(() => document.activeElement?.id);
  const first = await id();
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await id(), first);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await id(), first);
  await page.keyboard.press('ArrowDown');
  assert.match(await id(), /^timeline-mark-\d+$/);
  await mark.focus();
  await page.keyboard.press('Enter');
  assert.equal((await address(page)).searchParams.get('event'), 'white-house-denies-back-channel');
  assert.ok(await page.locator('article.open').isVisible());
  await assertClean(page);
});

test('dragging along the axis snaps to months, says the range in words, and a button clears it', async () => {
  const page = await open();
  const total = await shown(page);
  await timeline(page).locator('.axis-band').scrollIntoViewIfNeeded();
  const band = await timeline(page).locator('.axis-band').boundingBox();
  const y = band.y + band.height / 2;
  // The right-hand segment: October 2025 and after.
  await page.mouse.move(band.x + band.width * 0.7, y);
  await page.mouse.down();
  await page.mouse.move(band.x + band.width * 0.8, y, { steps: 5 });
  assert.match(await page.locator('.range-words').textContent(), /^Release to show \w+ 2025/);
  await page.mouse.move(band.x + band.width * 0.95, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => location.search.includes('from='));
  const url = await address(page);
  assert.match(url.searchParams.get('from') ?? '', /^2025-\d\d-01$/, 'from the first of a month');
  const to = url.searchParams.get('to') ?? '';
  const [yy, mm, dd] = to.split('-').map(Number);
  assert.equal(dd, new Date(Date.UTC(yy, mm, 0)).getUTCDate(), `to the last of a month: ${to}`);
  assert.match(await page.locator('.active-filters').textContent(), /Date.*2025/);
  const after = await shown(page);
  assert.ok(after > 0 && after < total, `${after} of ${total}`);
  assert.ok((await timeline(page).locator('.mark[data-dim]').count()) > 0, 'filtered-out events are dimmed');
  await page.getByRole('button', { name: 'Clear date range' }).click();
  assert.equal(await shown(page), total);
  assert.equal((await address(page)).searchParams.get('from'), null);
  await assertClean(page);
});

test('clicking a node toggles that actor filter; clicking an edge shows both actors', async () => {
  const page = await open();
  const node = network(page).getByRole('button', { name: /^Kirill Dmitriev/ });
  await node.click();
  assert.equal(await node.getAttribute('aria-pressed'), 'true');
  assert.equal((await address(page)).searchParams.get('actor'), 'kirill-dmitriev');
  assert.ok(await page.getByRole('group', { name: 'Actor', exact: true }).getByRole('checkbox', { name: /^Kirill Dmitriev/ }).isChecked());
  assert.ok((await network(page).locator('.node[data-dim]').count()) > 0, 'actors outside the result are dimmed');
  await node.press('Enter');
  assert.equal((await address(page)).searchParams.get('actor'), null);
  await network(page).getByRole('button', { name: /^Steve Witkoff – Yuriy Ushakov|^Yuriy Ushakov – Steve Witkoff/ }).click();
  assert.deepEqual((await address(page)).searchParams.getAll('actor').join(',').split(',').sort(), ['steve-witkoff', 'yuriy-ushakov']);
  await assertClean(page);
});

test('each picture has a table a screen reader can use', async () => {
  const page = await open('?status=denied');
  await page.getByText('Timeline as a table').click();
  const rows = page.getByRole('table').filter({ hasText: 'Events shown' }).locator('tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), await shown(page));
  await page.getByText('Network as a table').click();
  const contacts = page.getByRole('table').filter({ hasText: 'Contacts between actors' });
  // Rows are written when the table opens.
  await contacts.locator('tbody tr').first().waitFor();
  assert.match(await contacts.textContent(), /Steve Witkoff\s*Yuriy Ushakov|Yuriy Ushakov\s*Steve Witkoff/);
  await assertClean(page);
});

test('a generated 2,000-event dataset draws both pictures without overlap or error', async () => {
  for (const width of [1280, 360]) {
    const page = await newPage(browser, { origin: new URL(large.url).origin, width });
    await openBriefing(page, large.url + '?data=large.json&view=pictures');
    await page.waitForFunction(() => /^2,000 of 2,000 events$/.test(document.querySelector('[role=status]')?.textContent ?? ''), null, { timeout: 60_000 });
    await page.locator('svg.timeline').waitFor();
    const t = await measure(page, 'svg.timeline');
    assert.ok(t.marks > 0);
    assertReads(t, `2,000 events, timeline at ${width}`);
    if (width === 1280) {
      const n = await measure(page, 'svg.network');
      assert.ok(n.nodes.length > 0);
      assertReads(n, '2,000 events, network');
      await page.locator('.pictures').screenshot({ path: new URL('./artifacts/pictures-2000.png', import.meta.url).pathname });
    }
    // All 2,000 events are on screen (waited for above): the file was read whole.
    dropReadDatasetAborts(page);
    await assertClean(page);
  }
});

test('opening the pictures of 2,000 events does not grow the page\'s memory: the dataset goes to their module in parts', async () => {
  const page = await newPage(browser, { origin: new URL(large.url).origin });
  // The page's wasm memory, found as the bench finds it.
  await page.addInitScript(() => {
    window.__memories = [];
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = async (...args) => {
        const started = await original.apply(WebAssembly, args);
        const exports = (started.instance ?? started).exports;
        window.__memories.push(...Object.values(exports).filter((v) => v instanceof WebAssembly.Memory));
        return started;
      };
    }
  });
  await openBriefing(page, large.url + '?data=large.json');
  await page.waitForFunction(() => /^2,000 of 2,000 events$/.test(document.querySelector('[role=status]')?.textContent ?? ''), null, { timeout: 60_000 });
  const sizes = () => page.evaluate(() => window.__memories.map((m) => m.buffer.byteLength));
  const [before] = await sizes();
  await page.getByRole('navigation', { name: 'Views of the briefing' }).getByRole('button', { name: 'Pictures' }).click();
  await network(page).waitFor({ timeout: 60_000 });
  const [after, pictures] = await sizes();
  // Written whole, the 2.9 MB of JSON (and its copies while it grew) would
  // have stayed in the page's memory, which never shrinks. The view's own
  // pictures (their SVG text) may take a few 64 KB pages now that the index
  // leaves little free room in that memory; a copy of the dataset may not.
  assert.ok(after - before < 1_000_000, `the page's memory went from ${before} to ${after} bytes`);
  assert.ok(pictures > 2_850_000, 'the module holds the dataset');
  dropReadDatasetAborts(page);
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

test('the pictures cost the default page nothing: their module is fetched once, when the view first opens', async () => {
  const page = await newPage(browser, { origin });
  const wasm = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.split('/').pop());
  });
  await openBriefing(page, server.url);
  const pictures = () => wasm.filter((name) => name.startsWith('pictures-'));
  assert.equal(wasm.length, 1, `the events view loads the page's wasm only: ${wasm}`);
  assert.deepEqual(pictures(), []);
  const views = page.getByRole('navigation', { name: 'Views of the briefing' });
  await views.getByRole('button', { name: 'Pictures' }).click();
  await timeline(page).waitFor();
  await network(page).waitFor();
  assert.equal(pictures().length, 1, 'fetched when the view opens');
  // Back and forth: the module is started once and keeps the dataset.
  await views.getByRole('button', { name: 'Events' }).click();
  await views.getByRole('button', { name: 'Pictures' }).click();
  await timeline(page).waitFor();
  assert.equal(pictures().length, 1, 'fetched once');
  // It follows the filters as the page's own code did: a node ticks its actor.
  const before = await shown(page);
  await network(page).getByRole('button', { name: /^Kirill Dmitriev/ }).first().click();
  for (let i = 0; i < 100 && (await shown(page)) === before; i++) await page.waitForTimeout(50);
  assert.ok((await shown(page)) < before, 'fewer events shown');
  await assertClean(page);
});

test('after another dataset opens, the pictures draw that dataset', async () => {
  const page = await newPage(browser, { origin });
  await openBriefing(page, `${server.url}?view=pictures`);
  await network(page).getByRole('button', { name: /^Steve Witkoff/ }).first().waitFor();
  // Back to the events (Pictures stays the module's last view), then a local file.
  const views = page.getByRole('navigation', { name: 'Views of the briefing' });
  await views.getByRole('button', { name: 'Events' }).click();
  await page.getByLabel('Open dataset…').setInputFiles(new URL('../fixtures/minimal.json', import.meta.url).pathname);
  await page.waitForFunction(() => /^1 of 1 event$/.test(document.querySelector('[role=status]')?.textContent.trim() ?? ''));
  await views.getByRole('button', { name: 'Pictures' }).click();
  await network(page).getByRole('button', { name: /^Alice/ }).first().waitFor();
  assert.equal(await network(page).getByRole('button', { name: /^Steve Witkoff/ }).count(), 0, 'nothing of the bundled briefing');
  assert.equal(await timeline(page).getByRole('button').count(), 1, 'one mark: the one event');
  await assertClean(page);
});

test('pictures that cannot load say so in words, and the rest of the briefing works', async () => {
  const page = await newPage(browser, { origin });
  await page.route('**/pictures-*.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not a module' }));
  await openBriefing(page, `${server.url}?view=pictures`);
  await page.getByRole('alert').filter({ hasText: 'The pictures could not be drawn' }).waitFor();
  assert.match(await page.getByRole('alert').filter({ hasText: 'pictures' }).textContent(), /could not be drawn: this browser could not start them\. The events and the claims views show everything/);
  await page.getByRole('navigation', { name: 'Views of the briefing' }).getByRole('button', { name: 'Events' }).click();
  await page.getByRole('article').first().waitFor();
  assert.equal(await page.locator('main.crash').count(), 0, 'no crash view');
  await assertClean(page);
});

test('a pictures module that traps, lies about its answer or lacks an export says so in words; the briefing goes on', async () => {
  // Stand-in modules (binaryen's wasm-as, installed for the build).
  const module = (run, exports = '(func (export "answer") (result i32) (i32.const 0))') => `(module
    (memory (export "memory") 4)
    (global $runs (mut i32) (i32.const 0))
    (func (export "reserve") (param i32))
    (func (export "append") (param i32) (result i32) (i32.const 16))
    (func (export "run") (result i32) ${run})
    ${exports})`;
  const cases = [
    // Takes the dataset, then traps on the first picture it is asked for.
    [module('(if (global.get $runs) (then (unreachable))) (global.set $runs (i32.const 1)) (i32.const 0)'), /they stopped working \(reload the page to try again\)/],
    // An answer longer than its memory.
    [module('(i32.const 2147483647)'), /they stopped working/],
    // Nothing drawn (every answer empty).
    [module('(i32.const 0)'), /their program drew nothing/],
    // Not UTF-8: its answer is the first byte of its memory, set to 0xff.
    [module('(i32.store8 (i32.const 0) (i32.const 255)) (i32.const 1)'), /they stopped working/],
    // No "answer" export.
    [module('(i32.const 0)', ''), /could not be drawn: it has no “answer”\./],
  ];
  const dir = await mkdtemp(join(tmpdir(), 'briefing-trap-'));
  try {
    for (const [wat, said] of cases) {
      await writeFile(join(dir, 'm.wat'), wat);
      execFileSync(new URL('../../node_modules/.bin/wasm-as', import.meta.url).pathname, [join(dir, 'm.wat'), '-o', join(dir, 'm.wasm')]);
      const body = readFileSync(join(dir, 'm.wasm'));
      const page = await newPage(browser, { origin });
      await page.route('**/pictures-*.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body }));
      await openBriefing(page, `${server.url}?view=pictures`);
      const alert = page.getByRole('alert').filter({ hasText: 'The pictures could not be drawn' });
      await alert.waitFor();
      assert.match(await alert.textContent(), said);
      assert.equal(await page.locator('main.crash').count(), 0, 'no crash view: the fault was the module\'s, not the page\'s');
      await page.getByRole('navigation', { name: 'Views of the briefing' }).getByRole('button', { name: 'Events' }).click();
      await page.getByRole('group', { name: 'Claim status', exact: true }).getByRole('checkbox').first().check();
      await page.getByRole('article').first().waitFor();
      await assertClean(page);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
