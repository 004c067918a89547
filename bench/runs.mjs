// The runs: one browser, one page per measurement, bounded everywhere.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS, STATUS } from '../tests/e2e/harness.mjs';
import { CACHE, LIMIT, brief, log, sha256, stats, timeout } from './common.mjs';
import { pageMemory, probe, timedInput, timedItems } from './probes.mjs';

export const TOGGLES_PER_FACET = 5; // on and off: 3 facets x 5 x 2 = 30 filter changes
export const SEARCH_KEYS = [...'ushakov', ...Array(7).fill('Backspace'), ...'ceasefire']; // 23 keystrokes
export const STARTUP_RUNS = (events) => (events <= 1_000 ? 3 : 1); // median of 3 where cheap
// The harness's flags, plus eager memory measurement (else it waits for a GC).
const ARGS = [...CHROMIUM_ARGS, '--enable-blink-features=ForceEagerMeasureMemory'];

/** gzip -9 size of a served file, cached by content hash (the 100k dataset takes a while). */
async function gzipSize(path, cache) {
  const bytes = await readFile(path);
  const hash = sha256(bytes);
  cache[hash] ??= gzipSync(bytes, { level: 9 }).length;
  return { raw: bytes.length, gzip: cache[hash] };
}

export class Bench {
  async start(site) {
    this.site = site;
    // Cross-origin isolation makes performance.measureUserAgentSpecificMemory available.
    this.server = await serve({
      dir: site,
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    });
    this.origin = new URL(this.server.url).origin;
    this.gzipCache = existsSync(join(CACHE, 'gzip.json')) ? JSON.parse(await readFile(join(CACHE, 'gzip.json'), 'utf8')) : {};
    await this.launch();
  }

  async launch() {
    this.browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
  }

  /** Closes a context; a renderer stuck in a long task gets the browser restarted. */
  async dispose(context) {
    try {
      await timeout(context.close(), 15_000, 'closing the page');
    } catch {
      log('  (browser restarted: a page would not close)');
      await timeout(this.browser.close(), 15_000, 'closing the browser').catch(() => {});
      await this.launch();
    }
  }

  async stop() {
    await mkdir(CACHE, { recursive: true });
    await writeFile(join(CACHE, 'gzip.json'), JSON.stringify(this.gzipCache));
    await timeout(this.browser?.close() ?? Promise.resolve(), 20_000, 'closing the browser').catch(() => {});
    await this.server?.close();
  }

  /** A fresh page that records what it transfers and blocks other origins. */
  async open(kind, expected) {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(probe, { kind, expected, status: STATUS.source });
    const page = await context.newPage();
    const record = { responses: [], external: [], errors: [] };
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(this.origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      record.external.push(url);
      return route.abort();
    });
    page.on('response', (res) => record.responses.push({ url: res.url(), status: res.status() }));
    page.on('pageerror', (e) => record.errors.push(`uncaught: ${e.message}`));
    page.on('crash', () => (record.crashed = true));
    page.on('console', (m) => m.type() === 'error' && record.errors.push(`console: ${m.text().slice(0, 200)}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    return { context, page, cdp, record };
  }

  /** Sum over what the page loaded (200s from the site) of each body's gzip -9 size. */
  async transfer(record) {
    let raw = 0;
    let gzip = 0;
    const files = [];
    for (const r of record.responses) {
      if (r.status !== 200 || !r.url.startsWith(this.origin)) continue;
      let path = decodeURIComponent(new URL(r.url).pathname);
      if (path.endsWith('/')) path += 'index.html';
      const size = await gzipSize(join(this.site, path), this.gzipCache);
      raw += size.raw;
      gzip += size.gzip;
      files.push({ path, ...size });
    }
    return { raw, gzip, files };
  }

  /** Navigates and waits for the probe's first-results mark, bounded. */
  async startup(page, url, kind, expected, record) {
    await page.goto(url, { waitUntil: 'commit', timeout: LIMIT.startup });
    const deadline = Date.now() + LIMIT.startup;
    let mismatchSince = null;
    for (;;) {
      if (record.crashed) return { failed: 'the page crashed (out of memory?)' };
      // An uncaught error (a wasm panic shows as "unreachable") and no results soon after: stop waiting.
      const uncaught = record.errors.find((e) => e.startsWith('uncaught'));
      if (uncaught) {
        record.uncaughtAt ??= Date.now();
        if (Date.now() - record.uncaughtAt > 5_000) return { failed: `${uncaught} (no results 5 s later)` };
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { timedOut: true, limitMs: LIMIT.startup };
      let b;
      try {
        b = await timeout(page.evaluate(() => ({ first: window.__bench.first, status: window.__bench.status, alerts: window.__bench.alerts })), remaining, 'startup');
      } catch (e) {
        if (/timed out/.test(e.message)) return { timedOut: true, limitMs: LIMIT.startup };
        await new Promise((r) => setTimeout(r, 100)); // the document is still being replaced
        continue;
      }
      if (b.first?.done) return { firstMs: b.first.raf, seenMs: b.first.seen, frameDoneMs: b.first.after, ...b.first };
      // The viewer showing another dataset (the bundled one) means ?data= was not honoured.
      const shownTotal = Number(b.status?.match(STATUS)?.[2]?.replace(/,/g, ''));
      if (kind === 'ours' && b.status && shownTotal !== expected) {
        mismatchSince ??= Date.now();
        if (b.alerts || Date.now() - mismatchSince > 15_000) {
          return { failed: `the page showed “${b.status}”, not this dataset${b.alerts ? `; it said: ${b.alerts.slice(0, 300)}` : ''}` };
        }
      } else mismatchSince = null;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Loads the page `runs` times (median startup kept), then measures the last one. */
  async measure(kind, url, expected, runs, interact) {
    const startups = [];
    const out = {};
    for (let i = 0; i < runs && !out.startup; i++) {
      const { context, page, cdp, record } = await this.open(kind, expected);
      try {
        const s = await this.startup(page, url, kind, expected, record);
        startups.push(s);
        if (s.firstMs == null) {
          // Timed out or failed: reported as such, with what it loaded and, if the page
          // still answers, its memory at that point.
          out.startup = s;
          out.transfer = await this.transfer(record);
          if (s.failed) out.memory = await timeout(pageMemory(page, cdp, LIMIT.memory), LIMIT.memory + 10_000, 'memory').catch((e) => ({ error: String(e.message ?? e) }));
        } else if (i === runs - 1) {
          out.transfer = await this.transfer(record);
          if (interact) Object.assign(out, await interact(page, record));
          // Memory after the clicks and keystrokes: by then whatever a page builds
          // after its first results (our search index) is built, so this is its peak.
          out.memory = await timeout(pageMemory(page, cdp, LIMIT.memory), LIMIT.memory + 10_000, 'memory').catch((e) => ({ error: String(e.message ?? e) }));
        }
        out.errors = record.errors;
        out.external = record.external;
      } catch (e) {
        out.error = String(e.message ?? e);
        out.startup ??= { failed: out.error };
      } finally {
        await this.dispose(context);
      }
    }
    // The median run (by first results) gives both figures, so they stay consistent.
    const ok = startups.filter((s) => s.firstMs != null).sort((a, b) => a.firstMs - b.firstMs);
    const median = ok[Math.ceil(ok.length / 2) - 1];
    out.startup ??= { firstMs: median?.firstMs, frameDoneMs: median?.frameDoneMs, markers: median?.markers, slides: median?.slides, n: ok.length, runs: startups };
    return out;
  }

  /** The viewer on the dataset's JSON (`file`), or on its pack. */
  async ours(d, file = d.file) {
    const url = file ? `${this.server.url}?data=data/${file}` : this.server.url;
    return this.measure('ours', url, d.events, STARTUP_RUNS(d.events), async (page, record) => {
      const result = {};
      try {
      // Options to toggle: some in each fieldset whose count is neither 0 nor everything.
      const toggles = [];
      for (const name of ['Actor', 'Channel', 'Claim status']) {
        const options = await page
          .getByRole('group', { name, exact: true })
          .getByRole('checkbox')
          .evaluateAll((els) => els.map((el) => ({ id: el.id, count: Number(el.labels[0]?.querySelector('.count')?.textContent.match(/\d+/)?.[0]) })));
        const useful = options.filter((o) => o.count > 0 && o.count < d.events);
        const step = Math.max(1, Math.floor(useful.length / TOGGLES_PER_FACET));
        const chosen = useful.filter((_, i) => i % step === 0).slice(0, TOGGLES_PER_FACET);
        for (const o of chosen) toggles.push({ facet: name, id: o.id }, { facet: name, id: o.id });
      }
      result.filter = await this.series(toggles, record, (t) => page.evaluate(timedInput, { action: 'click', id: t.id, limit: LIMIT.step }));
      if (record.errors.some((e) => e.startsWith('uncaught'))) {
        // The page died (e.g. a wasm panic): measure search on a fresh load rather than not at all.
        result.reloadedForSearch = { errorsBefore: [...record.errors] };
        record.errors.length = 0;
        result.reloadedForSearch.startup = await this.startup(page, url, 'ours', d.events, record);
      }
      const search = await page.getByRole('searchbox', { name: 'Search' }).evaluate((el) => el.id, null, { timeout: 10_000 });
      result.search = await this.series(SEARCH_KEYS, record, (key) => page.evaluate(timedInput, { action: 'key', id: search, key, settle: 300, limit: LIMIT.step }));
      } catch (e) {
        // Keep what was measured; say why the rest was not.
        result.interactError = String(e.message ?? e).split('\n')[0];
      }
      return result;
    });
  }

  async timeline(d) {
    return this.measure('timeline', `${this.server.url}peers/timeline.html?data=tl-${d.label}.json`, d.events, STARTUP_RUNS(d.events), null);
  }

  async itemsjs(d) {
    return this.measure('itemsjs', `${this.server.url}peers/itemsjs.html?data=items-${d.label}.json`, d.events, STARTUP_RUNS(d.events), async (page, record) => {
      const buckets = await page.evaluate(() => {
        const r = window.benchSearch({});
        return Object.fromEntries(Object.entries(r.data.aggregations).map(([k, a]) => [k, a.buckets.map((b) => ({ key: b.key, count: b.doc_count }))]));
      });
      const toggles = [];
      for (const [facet, list] of Object.entries(buckets)) {
        const useful = list.filter((b) => b.count > 0 && b.count < d.events);
        const step = Math.max(1, Math.floor(useful.length / TOGGLES_PER_FACET));
        for (const b of useful.filter((_, i) => i % step === 0).slice(0, TOGGLES_PER_FACET)) {
          toggles.push({ [facet]: [b.key] }, {});
        }
      }
      const filter = await this.series(toggles, record, (filters) => page.evaluate(timedItems, { filters }));
      let text = '';
      const search = await this.series(SEARCH_KEYS, record, (key) => {
        text = key === 'Backspace' ? text.slice(0, -1) : text + key;
        return page.evaluate(timedItems, { filters: {}, query: text });
      });
      return { filter, search };
    });
  }

  /** Runs timed steps one after another, within the series budget; stops at a page error. */
  async series(steps, record, run) {
    const samples = [];
    const begun = Date.now();
    let stopped = null;
    for (const [i, step] of steps.entries()) {
      const errors = record.errors.length;
      const failed = () => record.errors.length > errors && `the page failed at step ${i + 1} (${JSON.stringify(step)}): ${brief(record.errors[errors])}`;
      if (Date.now() - begun > LIMIT.series) {
        stopped = `series budget of ${LIMIT.series / 1000} s used up`;
        break;
      }
      let s;
      try {
        s = await timeout(run(step), LIMIT.step + 5_000, 'step');
      } catch (e) {
        stopped = failed() || String(e.message ?? e).split('\n')[0];
        break;
      }
      if (failed()) {
        stopped = failed();
        break;
      }
      if (s.timedOut) {
        stopped = `a step showed no change within ${LIMIT.step / 1000} s`;
        break;
      }
      samples.push(s);
    }
    const pick = (k) => samples.map((s) => s[k]).filter((v) => v != null);
    return {
      planned: steps.length,
      paint: stats(pick('raf')),
      frameDone: stats(pick('after')),
      dom: stats(pick('seen')),
      compute: stats(pick('compute')),
      changed: samples.filter((s) => s.changed !== false).length,
      stopped,
      samples,
    };
  }
}
