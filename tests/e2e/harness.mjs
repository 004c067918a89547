// Shared set-up for the end-to-end tests: serve dist/ (or DIST_DIR) on
// loopback, drive Debian's Chromium with Playwright, fail a test on any
// console error, uncaught exception, failed request or request to another
// origin, and read the "N of M events" status line. Every e2e file (and the
// benchmark's probes) takes these from here rather than keeping its own.
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;

/** Flags every Chromium here needs: without them it tries the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The built page: dist/, or the folder named by DIST_DIR (e.g. a copy of dist/). */
export const DIST_DIR = process.env.DIST_DIR || new URL('../../dist/', import.meta.url).pathname;

/** Serves dist/ (optionally under a sub-path or with extra headers). */
export function serveDist(options = {}) {
  return serve({ dir: DIST_DIR, ...options });
}

/**
 * A page that records everything that should never happen. Call
 * `assertClean(page)` at the end of each test.
 */
export async function newPage(browser, { origin, colorScheme = 'light', width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ colorScheme, viewport: { width, height } });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => page.problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) page.problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (origin && !['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
      page.problems.push(`request to another origin: ${req.url()}`);
    }
  });
  return page;
}

/** Opens the briefing and waits until the app has rendered its status line. */
export async function openBriefing(page, url) {
  await page.goto(url);
  await page.getByRole('status').first().waitFor();
}

/** A recording page (see newPage) on `url`, held to that URL's origin, with the briefing open. */
export async function open(browser, url, options = {}) {
  const page = await newPage(browser, { origin: new URL(url).origin, ...options });
  await openBriefing(page, url);
  return page;
}

/**
 * The page's address as a reader would copy it. A change's history entry is
 * written once its frame is painted (src/ui/url.rs), so this waits for the
 * frame after the last action, then reads `location`.
 */
export async function address(page) {
  const href = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(location.href)))));
  return new URL(href);
}

/** The status line, "5 of 17 events" ("1 of 1 event", "1,200 of 10,000 events"): what is shown of how many. */
export const STATUS = /^([\d,]+) of ([\d,]+) events?$/;

/** A number as the page writes it ("10,000"), read. */
export const number = (text) => Number(String(text).replace(/,/g, ''));

/** "5 of 17 events" → [5, 17]; fails the test on any other text. */
export function parseCounts(text) {
  const match = String(text ?? '').trim().match(STATUS);
  assert.ok(match, `status reads "${text}"`);
  return [number(match[1]), number(match[2])];
}

/** The counts the status line of a page or frame shows now. */
export async function counts(frameOrPage) {
  return parseCounts(await frameOrPage.getByRole('status').first().textContent());
}

/** Waits until the status line reads `shown` of `total` events (either may be left out: any). */
export async function waitForCounts(page, { shown, total, timeout = 30_000 } = {}) {
  await page.waitForFunction(
    ({ source, shown, total }) => {
      const m = new RegExp(source).exec((document.querySelector('[role=status]')?.textContent ?? '').trim());
      const n = (i) => Number(m[i].replace(/,/g, ''));
      return !!m && (shown == null || n(1) === shown) && (total == null || n(2) === total);
    },
    { source: STATUS.source, shown, total },
    { timeout },
  );
}

/**
 * Registers the before/after hooks of a test file and returns what they set
 * up: `{ browser, server, origin, root, open(query, options), ready }`. The
 * server serves DIST_DIR, or, with `site`, a scratch copy of it to which
 * `site(root)` adds files (datasets for ?data=); `browser: false` skips
 * Playwright's browser (Lighthouse launches its own). A file's own `before`
 * hooks run alongside this one, not after it: they `await env.ready`.
 */
export function setUp({ site, browser = true } = {}) {
  const env = {
    open: (query = '', options = {}) => open(env.browser, env.server.url + query, options),
  };
  let settle;
  env.ready = new Promise((resolve, reject) => (settle = { resolve, reject }));
  env.ready.catch(() => {}); // reported by the hook below; a file need not await it
  before(async () => {
    try {
      if (site) {
        env.root = await mkdtemp(join(tmpdir(), 'briefing-site-'));
        await cp(DIST_DIR, env.root, { recursive: true });
        await site(env.root);
      }
      if (browser) env.browser = await launch();
      env.server = await serve({ dir: env.root ?? DIST_DIR });
      env.origin = new URL(env.server.url).origin;
      settle.resolve(env);
    } catch (e) {
      settle.reject(e);
      throw e;
    }
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
    if (env.root) await rm(env.root, { recursive: true, force: true });
  });
  return env;
}

/**
 * Under load, Chromium sometimes reports a same-site dataset fetch as
 * ERR_ABORTED although the page read it whole and shows it: with a chunked
 * response (no Content-Length) it cancels about one fetch in twenty after
 * every byte arrived (CDP loadingFailed, canceled; 4 of 80 and 4 of 42
 * loads of 2,000 events beside two busy cores, 0 of 70 with a length). The
 * test servers send the length; for a test that has checked the dataset is
 * on screen, such a report is still dropped; any other problem still fails.
 */
export function dropReadDatasetAborts(page) {
  page.problems = page.problems.filter((p) => !/^request failed: http:\/\/127\.0\.0\.1:\d+\/(?:[\w-]+\/)*[\w-]+\.(?:json|pack) \(net::ERR_ABORTED\)$/.test(p));
}

export async function assertClean(page) {
  assert.deepEqual(page.problems, [], 'the page logged errors or made bad requests');
  await page.context().close();
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}
