// Shared set-up for the end-to-end tests: serve dist/ on loopback, drive
// Debian's Chromium with Playwright, and fail a test on any console error,
// uncaught exception, failed request or request to another origin.
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';

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

export async function assertClean(page) {
  assert.deepEqual(page.problems, [], 'the page logged errors or made bad requests');
  await page.context().close();
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}
