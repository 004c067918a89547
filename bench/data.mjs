// The synthetic datasets (briefing-gen, seeded), regenerated only when the
// generator or the requested size changed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA, ONLY, ROOT, SEED, SIZES, log, sha256 } from './common.mjs';

/** Generates the synthetic datasets, skipping those the manifest says are current. */
export async function generateData() {
  await mkdir(DATA, { recursive: true });
  const manifestPath = join(DATA, 'manifest.json');
  const manifest = existsSync(manifestPath) ? JSON.parse(await readFile(manifestPath, 'utf8')) : {};
  // A changed generator means different bytes: regenerate.
  const gen = join(ROOT, 'src/gen');
  const sources = [join(ROOT, 'src/bin/briefing_gen.rs'), ...(await readdir(gen)).sort().map((f) => join(gen, f))];
  const generator = sha256(Buffer.concat(await Promise.all(sources.map((f) => readFile(f)))));
  for (const size of SIZES.filter((s) => s.file && (!ONLY || ONLY.includes(s.label)))) {
    const path = join(DATA, size.file);
    const entry = manifest[size.file];
    const current =
      entry?.seed === SEED &&
      entry.events === size.events &&
      entry.generator === generator &&
      existsSync(path) &&
      (await stat(path)).size === entry.bytes;
    if (current) {
      log(`data: ${size.file} is current (seed ${SEED}), skipped`);
      continue;
    }
    log(`data: generating ${size.file}`);
    const args = ['run', '--quiet', '--release', '--bin', 'briefing-gen', '--'];
    args.push('--events', String(size.events), '--seed', String(SEED), '--out', path);
    // stderr is kept: a size the app refuses (briefing-gen validates with the
    // app's own rules) is reported for that size, and the others still run.
    const run = spawnSync('cargo', args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'], env: process.env, timeout: 900_000, encoding: 'utf8' });
    process.stderr.write(run.stderr ?? '');
    if (run.status !== 0) {
      size.failed = `briefing-gen could not make it: ${(run.stderr ?? '').split('\n').slice(1).join(' ').trim() || run.error || run.status}`;
      log(`data: ${size.file} skipped (${size.failed})`);
      continue;
    }
    const bytes = await readFile(path);
    manifest[size.file] = { events: size.events, seed: SEED, generator, bytes: bytes.length, sha256: sha256(bytes) };
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  }
  await writePacks(manifest, manifestPath);
}

/**
 * Each dataset's pack (the compact form), as a curator writes it:
 * `briefing-check --pack`. Written again when its JSON or the pack's layout
 * (src/model/pack.rs) changed.
 */
async function writePacks(manifest, manifestPath) {
  const layout = sha256(await readFile(join(ROOT, 'src/model/pack.rs')));
  for (const size of SIZES.filter((s) => s.file && (!ONLY || ONLY.includes(s.label)) && !s.failed)) {
    size.pack = size.file.replace(/\.json$/, '.pack');
    const path = join(DATA, size.pack);
    const json = manifest[size.file];
    const entry = manifest[size.pack];
    if (entry?.json === json?.sha256 && entry.layout === layout && existsSync(path) && (await stat(path)).size === entry.bytes) {
      log(`data: ${size.pack} is current, skipped`);
      continue;
    }
    log(`data: writing ${size.pack}`);
    const args = ['run', '--quiet', '--release', '--bin', 'briefing-check', '--', '--pack', path, join(DATA, size.file)];
    const run = spawnSync('cargo', args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: process.env, timeout: 900_000, encoding: 'utf8' });
    if (run.status !== 0) {
      log(`data: ${size.pack} not written (${(run.stderr ?? '').trim().slice(0, 300) || run.error || run.status}); its runs are skipped`);
      delete size.pack;
      continue;
    }
    manifest[size.pack] = { json: json?.sha256, layout, bytes: (await stat(path)).size };
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  }
}

// The peers get the same events, converted ahead of time (not timed).
