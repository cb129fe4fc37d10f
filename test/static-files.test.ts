/**
 * The BFF as a web server for the demo site and the widgets: caching that lets a CMS embed the
 * widgets cheaply and update safely, content types, compression, and paths that cannot leave
 * their folders. Raw HTTP requests, so `..` and encoded tricks reach the server unnormalised.
 */
import { request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWidgetsBuilt, repositoryRoot, startBff, type RunningBff } from './support/bff.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let bff: RunningBff;

/** One HTTP request with the path exactly as given (no URL normalisation). */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const req = request({ host: bff.host, port: bff.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

const dist = join(repositoryRoot, 'packages/elements/dist');
let chunk: string;

beforeAll(async () => {
  await ensureWidgetsBuilt();
  chunk = readdirSync(join(dist, 'chunks')).find((name) => /\.js$/.test(name))!;
  bff = await startBff();
}, 180_000);

afterAll(async () => {
  await bff?.stop();
});

describe('static files: demo site and widgets', () => {
  it('serves the demo home page at / as HTML that must be revalidated', async () => {
    const res = await raw('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.etag).toMatch(/^W\/".+"$/);
    expect(res.headers['last-modified']).toBeTruthy();
    expect(res.body.toString()).toContain('Pabianicka Spółdzielnia Mieszkaniowa');
    expect(res.body.toString()).toContain('<script type="module" src="/widgets/strefa.js"></script>');
  });

  it('serves every demo page and its stylesheet with the right content type', async () => {
    for (const page of ['strefa-mieszkanca.html', 'artykul.html', 'motyw.html', 'pracownicy.html']) {
      const res = await raw(`/${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers['content-type'], page).toBe('text/html; charset=utf-8');
    }
    const css = await raw('/styles.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const svg = await raw('/favicon.svg');
    expect(svg.headers['content-type']).toBe('image/svg+xml');
  });

  it("names every chunk a page's widget entry imports in a modulepreload Link header", async () => {
    // Read from the built entry here, independently of the server: its static imports only.
    const entry = readFileSync(join(dist, 'strefa.js'), 'utf8');
    const statics = [...entry.matchAll(/import\s*(?:[^"'();]*?from\s*)?"\.\/(chunks\/[^"]+)"/g)].map(
      (m) => m[1],
    );
    // The three chunks of what a page runs at once (vite.config.ts, chunkGroups).
    expect(statics.map((chunk) => /^chunks\/([a-z]+)-/.exec(chunk!)?.[1]).sort()).toEqual([
      'core',
      'shared',
      'widgets',
    ]);
    // The clerks' tool is reached from them on demand only.
    const dynamics = statics.flatMap((chunk) => [
      ...readFileSync(join(dist, chunk!), 'utf8').matchAll(/import\(\s*[`"']\.\.?\/([^`"']+)[`"']\s*\)/g),
    ]);
    expect(dynamics.map((m) => m[1])).toContain('clerk-admin.js');

    const page = await raw('/strefa-mieszkanca.html');
    const [style, ...modules] = String(page.headers.link).split(', ');
    // The page's stylesheet first: the modules wait for it before they run.
    expect(style).toBe('</styles.css>; rel=preload; as=style');
    const links = modules.map((link) => /^<\/widgets\/([^>]+)>; rel=modulepreload$/.exec(link)?.[1]);
    expect(links).toEqual(['strefa.js', ...statics]);
    // Loaded on demand, so not preloaded: the clerk tool.
    expect(links).not.toContain('clerk-admin.js');
    for (const path of links) {
      const res = await raw(`/widgets/${path}`);
      expect(res.status, path).toBe(200);
    }
    // Files other than pages get no hints.
    expect((await raw('/styles.css')).headers.link).toBeUndefined();
    expect((await raw('/widgets/strefa.js')).headers.link).toBeUndefined();
  });

  it('answers a conditional request with 304 and no body', async () => {
    const first = await raw('/widgets/strefa.js');
    const etag = String(first.headers.etag);
    const again = await raw('/widgets/strefa.js', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const since = await raw('/widgets/strefa.js', {
      'If-Modified-Since': String(first.headers['last-modified']),
    });
    expect(since.status).toBe(304);
  });

  it('serves stable entry names as JavaScript, revalidated on every use, readable from any origin', async () => {
    for (const entry of ['strefa.js', ...readdirSync(dist).filter((n) => /^[a-z-]+\.js$/.test(n))]) {
      const res = await raw(`/widgets/${entry}`, { Origin: 'https://cms.example.pl' });
      expect(res.status, entry).toBe(200);
      expect(res.headers['content-type'], entry).toBe('text/javascript; charset=utf-8');
      expect(res.headers['cache-control'], entry).toBe('no-cache');
      expect(res.headers['access-control-allow-origin'], entry).toBeTruthy();
      expect(res.body.equals(readFileSync(join(dist, entry))), entry).toBe(true);
    }
  });

  it('serves hashed chunks as immutable for a year', async () => {
    const res = await raw(`/widgets/chunks/${chunk}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('compresses with brotli or gzip when the client accepts it, and says so in Vary', async () => {
    const plain = await raw(`/widgets/chunks/${chunk}`);
    expect(plain.headers['content-encoding']).toBeUndefined();

    const br = await raw(`/widgets/chunks/${chunk}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length);
    expect(br.headers.etag).not.toBe(plain.headers.etag);

    const gz = await raw(`/widgets/chunks/${chunk}`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);

    // Demo pages are not precompressed: compressed on the fly.
    const page = await raw('/artykul.html', { 'Accept-Encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.body).toString()).toContain('<rent-components>');
  });

  it('answers HEAD with the headers and length of GET, and no body', async () => {
    const get = await raw('/widgets/strefa.js');
    const head = await raw('/widgets/strefa.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(head.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers a missing widget file with a plain 404', async () => {
    const res = await raw('/widgets/no-such-widget.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body.toString()).not.toContain('<');
  });

  it('refuses path traversal, dotfiles and encoded tricks', async () => {
    const secret = readFileSync(join(repositoryRoot, 'bff/src/config.ts'), 'utf8').slice(0, 40);
    const attempts = [
      '/widgets/../bff/src/config.ts',
      '/widgets/../../bff/src/config.ts',
      '/widgets/%2e%2e/%2e%2e/bff/src/config.ts',
      '/widgets/..%2f..%2fbff%2fsrc%2fconfig.ts',
      '/widgets/chunks/..%5c..%5c..%5cbff%5csrc%5cconfig.ts',
      '/widgets/%252e%252e/package.json',
      '/widgets/strefa.js%00.png',
      '/widgets/%E0%A4%A',
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fbff%2fsrc%2fconfig.ts',
      '//etc/passwd',
      '/widgets//etc/passwd',
      '/.env',
      '/.git/config',
      '/widgets/.vite/manifest.json',
      '/package.json',
      '/widgets/strefa.js.gz',
      '/widgets/strefa.js.br',
    ];
    for (const path of attempts) {
      const res = await raw(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.body.toString(), path).not.toContain(secret);
      expect(res.body.toString(), path).not.toContain('"name": "@strefa');
      expect(res.body.toString(), path).not.toContain('root:');
    }
  });

  it('leaves the API alone', async () => {
    const res = await raw('/api/v1/session', { Accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ user: null });
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const missing = await raw('/api/v1/nothing-here.html');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString()).error.code).toBe('not_found');
  });
});
