// Trunk post-build hook (see Trunk.toml). Two jobs on the staged dist:
// 1. Strict CSP: Trunk injects an inline <script type=module> that starts the
//    wasm. `script-src 'self'` forbids inline scripts, so it moves into a file
//    (boot-<hash>.js), which also says in words when WebAssembly cannot run.
// 2. Single file: briefing.html with the JS glue, the wasm (base64) and the CSS
//    inlined, which opens from file:// and can be attached to a wiki page.
// 3. The pictures' own wasm (pictures/, no wasm-bindgen): built here, after
//    Trunk's cargo build, optimised by wasm-opt, named by its hash and named
//    in <meta name="briefing-pictures">; the page fetches it when the
//    Pictures view first opens (the single file carries it as a data: URL).
// 4. Minified scripts: Trunk minifies the HTML and CSS but not wasm-bindgen's
//    glue, whose comments and long names were 2.4 KB of the page's gzip.
//    terser (the npm package, pure JS) minifies the glue, the boot script
//    and the single file's script; the glue's integrity hash follows.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

/** `source` minified; a module keeps its exports' names. */
async function minified(source) {
  return (await minify(source, { module: true })).code;
}

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');

const inline = html.match(/<script type=["']?module["']?>([\s\S]*?)<\/script>/);
if (!inline) throw new Error('postbuild: no inline module script in index.html (already processed?)');
const glueName = inline[1].match(/from '\.\/([^']+\.js)'/)?.[1];
const wasmName = inline[1].match(/module_or_path: '\.\/([^']+\.wasm)'/)?.[1];
if (!glueName || !wasmName) throw new Error('postbuild: cannot find the glue and wasm names');

const failure = `function fail(reason) {
  const boot = document.getElementById('boot');
  if (!boot) return;
  boot.className = 'boot failed';
  boot.setAttribute('role', 'alert');
  boot.textContent = 'The briefing could not start: ' + reason +
    ' Try a current version of Chrome, Edge, Firefox or Safari, or ask whoever shared this page for the single-file version.';
}`;

// Installed before the wasm starts, so they hold on every screen:
// - a wasm trap that is no panic (out of memory, "unreachable") leaves a page
//   that looks alive and is not: show the crash view, as the panic hook does;
// - a file dropped anywhere, at any time (loading, crash), is never navigated to.
const guards = `function crash() {
  if (document.documentElement.hasAttribute('data-crashed') && document.querySelector('main.crash')) return;
  document.documentElement.setAttribute('data-crashed', '');
  const main = document.createElement('main');
  main.className = 'fallback crash';
  main.setAttribute('role', 'alert');
  const h1 = document.createElement('h1');
  h1.textContent = 'Something went wrong in this briefing';
  const p = document.createElement('p');
  const reload = document.createElement('a');
  reload.href = '';
  reload.textContent = 'reload this view';
  const reset = document.createElement('a');
  reset.href = location.pathname;
  reset.textContent = 'reset the view';
  p.append('Nothing was sent anywhere. You can ', reload, ' or ', reset, ' (all filters cleared).');
  main.append(h1, p);
  document.body.replaceChildren(main);
}
const trapped = (error) => typeof WebAssembly === 'object' && error instanceof WebAssembly.RuntimeError;
addEventListener('error', (e) => { if (trapped(e.error)) crash(); });
addEventListener('unhandledrejection', (e) => { if (trapped(e.reason)) crash(); });
for (const type of ['dragover', 'drop']) addEventListener(type, (e) => e.preventDefault());`;

// The glue is imported when the guards are in place, not above them: a glue
// that does not arrive (a failed request, a proxy that blocks scripts) is then
// said in words, where a static import left "Loading the briefing…" for ever.
const boot = `// Starts the briefing's WebAssembly; says so in words if it cannot.
${failure}
${guards}
if (typeof WebAssembly !== 'object') {
  fail('this browser cannot run WebAssembly.');
} else {
  import('./${glueName}')
    .then((glue) => glue.default({ module_or_path: './${wasmName}' }))
    .catch((e) => fail('its program did not load (' + (e && e.message) + ').'));
}
`;
const bootName = `boot-${createHash('sha256').update(boot).digest('hex').slice(0, 16)}.js`;
await writeFile(join(dir, bootName), await minified(boot));
html = html.replace(inline[0], `<script type=module src="./${bootName}"></script>`);

// The pictures' module. Offline as Trunk is (setup runs `cargo fetch`).
const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
run('cargo', ['build', '--release', '--locked', '--offline', '--target', 'wasm32-unknown-unknown', '-p', 'briefing-pictures']);
const localOpt = join('node_modules', '.bin', 'wasm-opt');
const picturesBuilt = join('target', 'wasm32-unknown-unknown', 'release', 'briefing_pictures.wasm');
const picturesOpt = join('target', 'wasm32-unknown-unknown', 'release', 'briefing_pictures.opt.wasm');
run(existsSync(localOpt) ? localOpt : 'wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', picturesBuilt, '-o', picturesOpt]);
const pictures = await readFile(picturesOpt);
const picturesName = `pictures-${createHash('sha256').update(pictures).digest('hex').slice(0, 16)}.wasm`;
await writeFile(join(dir, picturesName), pictures);
if (!html.includes('</head>')) throw new Error('postbuild: no </head> in index.html');
html = html.replace('</head>', `<meta name="briefing-pictures" content="./${picturesName}"></head>`);

// The glue keeps its name (Trunk's hash of its text); its preload's
// integrity must be that of the minified file.
const glueText = await readFile(join(dir, glueName), 'utf8');
const glueMin = await minified(glueText);
await writeFile(join(dir, glueName), glueMin);
const integrity = new RegExp(`(href=["']?\\./${glueName.replace(/[.]/g, '\\.')}["']? integrity=["']?)sha384-[A-Za-z0-9+/=]+`);
if (!integrity.test(html)) throw new Error('postbuild: no integrity attribute for the glue in index.html');
html = html.replace(integrity, `$1sha384-${createHash('sha384').update(glueMin).digest('base64')}`);
await writeFile(indexPath, html);

// The single file: no module imports, so nothing is fetched, even from file://.
const glue = glueText
  .replace(/^export \{[^}]*\};?\s*$/m, '')
  .replace(/^export (class|function|const|let|async function) /gm, '$1 ');
if (/^export /m.test(glue)) throw new Error('postbuild: unexpected export in the glue');
const wasm = (await readFile(join(dir, wasmName))).toString('base64');
const cssName = html.match(/href=["']?\.\/([^"' >]+\.css)/)?.[1];
const css = cssName ? await readFile(join(dir, cssName), 'utf8') : '';
const script = `${glue}
${failure}
${guards}
if (typeof WebAssembly !== 'object') {
  fail('this browser cannot run WebAssembly.');
} else {
  try {
    const bytes = Uint8Array.from(atob('${wasm}'), (c) => c.charCodeAt(0));
    __wbg_init({ module_or_path: bytes }).catch((e) => fail('its program did not start (' + (e && e.message) + ').'));
  } catch (e) {
    fail('its program did not start (' + (e && e.message) + ').');
  }
}`;
const scriptMin = (await minified(script)).replace(/<\/script/gi, '<\\/script');
const single = html
  .replace(`content="./${picturesName}"`, () => `content="data:application/wasm;base64,${pictures.toString('base64')}"`)
  .replace(/<link[^>]*rel=["']?(modulepreload|preload)["']?[^>]*>/g, '')
  .replace(/<link[^>]*rel=["']?stylesheet["']?[^>]*>/, () => `<style>${css}</style>`)
  .replace(/<script type=module src="[^"]+"><\/script>/, () => `<script type=module>${scriptMin}</script>`);
await writeFile(join(dir, 'briefing.html'), single);
console.log(`postbuild: ${bootName} replaces the inline script; briefing.html is ${(single.length / 1024).toFixed(0)} KiB`);
