// A small static file server for dist/, used by `make serve` and the end-to-end tests.
// Loopback only. Options: --dir DIR --port N (0 = any free port) --prefix /sub/path/
// --header "Name: value" (repeatable, e.g. a Content-Security-Policy).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Starts serving; resolves to { url, close }. */
export async function serve({ dir = 'dist', port = 0, prefix = '/', headers = {} } = {}) {
  const root = resolve(dir);
  if (!prefix.endsWith('/')) prefix += '/';
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) return send(res, 404, 'not found');
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        // As static servers do. Without it the body goes chunked, and under
        // load Chromium cancels about one dataset fetch in twenty after the
        // page has read every byte (CDP: loadingFailed, canceled, all bytes
        // received), which the e2e tests saw as a failed request.
        'Content-Length': body.length,
        ...headers,
      });
      res.end(body);
    } catch {
      send(res, 404, 'not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const options = { headers: {} };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--dir') options.dir = value;
    else if (flag === '--port') options.port = Number(value);
    else if (flag === '--prefix') options.prefix = value;
    else if (flag === '--header') {
      const at = value.indexOf(':');
      options.headers[value.slice(0, at).trim()] = value.slice(at + 1).trim();
    } else {
      console.error(`unknown option ${flag}`);
      process.exit(2);
    }
  }
  const { url } = await serve(options);
  console.log(`Serving the briefing at ${url}  (Ctrl+C to stop)`);
}
