// Shared by the benchmark's parts: paths, sizes, limits, logging, statistics.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BENCH = join(ROOT, 'bench');
export const DATA = join(BENCH, 'data');
export const CACHE = join(BENCH, '.cache');
export const SEED = 7;
export const SIZES = [
  { label: 'bundled', file: null, events: null },
  { label: '1k', file: 'events-1k.json', events: 1_000 },
  { label: '10k', file: 'events-10k.json', events: 10_000 },
  { label: '100k', file: 'events-100k.json', events: 100_000 },
];
export const ONLY = process.env.BENCH_ONLY?.split(',');
// Per-measurement limits: a slow step is recorded as timed out, never waited for.
export const LIMIT = {
  startup: 120_000, // navigation to first results (TimelineJS at 100k: reported as timed out)
  step: 60_000, // one toggle or keystroke
  series: 90_000, // all toggles (or keystrokes) of one page; fewer samples if exceeded
  memory: 30_000,
};

const started = Date.now();
/** Seconds since the run began. */
export const elapsed = () => (Date.now() - started) / 1000;
export const log = (...a) => console.log(`[${elapsed().toFixed(0).padStart(4)} s]`, ...a);
/** A page error in a few words: a Rust panic's message without its source location. */
export const brief = (error) => (error.match(/panicked at \S+:\d+:\d+:\s*([^\n]+)/)?.[1].replace(/^/, 'panic: ') ?? error).slice(0, 160);
export const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** Rejects after `ms`, so that no step can hang the run. */
export function timeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const quantile = (xs, q) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  // Nearest rank: the p95 is a sample that was measured, not an interpolation.
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
export const stats = (xs) => ({ n: xs.length, median: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: xs.length ? Math.max(...xs) : null });
