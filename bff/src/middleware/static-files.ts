/**
 * Serves the demo website at `/` and the built widgets at `/widgets/`, so `npm start` is the whole
 * product on one origin, and a cooperative's CMS can load `https://bom.example.pl/widgets/strefa.js`.
 *
 * Caching is what makes a CMS embed cheap and safe to update:
 * - hashed chunks (`/widgets/chunks/lit-Ab12Cd34.js`) never change under their name: a year,
 *   `immutable`, so a returning visitor sends no request at all;
 * - stable entry names (`strefa.js`, `resident-login.js`) and the demo pages are what an editor
 *   pastes once; they must point at the chunks of the running release, so they are `no-cache`:
 *   stored, but revalidated (ETag / Last-Modified, a 304 of a few bytes) on every use. A stale entry
 *   that names chunks a new release removed would break the widget.
 *
 * Paths are decoded once, must stay inside their root after resolution (symlinks included), and
 * may not name dotfiles or precompressed siblings; anything else is a plain 404 (under /widgets/)
 * or falls through to the API routers (elsewhere). Compression: the `.br`/`.gz` files the build
 * writes beside each file, else compressed on the fly and kept in a small cache.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Context, Middleware } from 'koa';
import { repositoryRoot } from '../config.ts';
import { isApiSpace } from '../lib/api-space.ts';
import { ModulePreloadHints } from './module-preload.ts';
import { NO_STORE } from './no-store.ts';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** What may be served from each root: the demo holds a package.json that is nobody's business. */
const DEMO_TYPES = new Set([
  '.html',
  '.css',
  '.svg',
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.avif',
  '.ico',
  '.woff2',
  '.txt',
]);
const WIDGET_TYPES = new Set(['.js', '.mjs', '.css', '.map', '.svg', '.png', '.woff2']);
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.txt', '.svg']);

/** A hashed chunk as the Vite build names it: `chunks/<name>-<8+ base64url chars>.js`. */
const HASHED_CHUNK = /^chunks\/[^/]+-[A-Za-z0-9_-]{8,}\.m?js$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export interface StaticFilesOptions {
  /** The demo website's folder (default `demo/` in the repository). */
  demoDir?: string;
  /** The built widgets (default `packages/elements/dist/`). */
  widgetsDir?: string;
}

type Encoding = 'br' | 'gzip' | 'identity';

interface Resolved {
  file: string;
  ext: string;
  size: number;
  mtimeMs: number;
}

/** A file up to this size is answered from memory once read (the widgets' chunks are 0.3–20 KB). */
export const SMALL_FILE_BYTES = 64 * 1024;

/**
 * Bodies kept in memory, keyed by file, mtime, size and encoding; bounded. Small files as they
 * are on disk (a page's burst of chunk requests then costs no open/read/close each: in the bench's
 * Chromium measure the 13 chunks of `strefa.js` queue on six connections, so each request's time
 * adds up), and files compressed on the fly.
 */
class BodyCache {
  private entries = new Map<string, Buffer>();
  private bytes = 0;
  constructor(private readonly maxBytes = 16 * 1024 * 1024) {}

  /** A small file's bytes as they are on disk (`x.js`, or its precompressed `x.js.br`). */
  async file(resolved: Resolved): Promise<Buffer> {
    const key = `${resolved.file}\0${resolved.mtimeMs}\0${resolved.size}`;
    return this.entries.get(key) ?? this.keep(key, await readFile(resolved.file));
  }

  async get(resolved: Resolved, encoding: 'br' | 'gzip'): Promise<Buffer> {
    const key = `${resolved.file}\0${resolved.mtimeMs}\0${resolved.size}\0${encoding}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const raw = await readFile(resolved.file);
    const body =
      encoding === 'br'
        ? await brotliAsync(raw, {
            params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length },
          })
        : await gzipAsync(raw, { level: 6 });
    return this.keep(key, body);
  }

  private keep(key: string, body: Buffer): Buffer {
    if (this.entries.has(key)) return this.entries.get(key)!;
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [oldKey, oldBody] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= oldBody.length;
    }
    return body;
  }
}

/**
 * Maps a URL path below a mount to a regular file inside `root`, or null. Refuses encoded
 * slashes and backslashes, NUL, dot segments and dotfiles, and anything a symlink leads outside.
 */
export async function resolveSafe(
  root: string,
  urlPath: string,
  allowed: Set<string>,
): Promise<Resolved | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  if (urlPath.endsWith('/') || segments.length === 0) segments.push('index.html');
  const candidate = resolve(root, ...segments);
  if (!isInside(root, candidate)) return null;
  const ext = extname(candidate).toLowerCase();
  if (!allowed.has(ext)) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realRootOf(root), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return null;
    const info = await stat(realFile);
    if (!info.isFile()) return null;
    return { file: realFile, ext, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}

/** The roots' real paths, looked up once each (they are the server's own folders). */
const realRoots = new Map<string, Promise<string>>();
function realRootOf(root: string): Promise<string> {
  let real = realRoots.get(root);
  if (!real) {
    real = realpath(root);
    realRoots.set(root, real);
    real.catch(() => realRoots.delete(root));
  }
  return real;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

/** A precompressed sibling (`x.js.br`) that is at least as new as the file itself. */
async function precompressed(resolved: Resolved, suffix: '.br' | '.gz'): Promise<Resolved | null> {
  try {
    const info = await stat(resolved.file + suffix);
    if (!info.isFile() || info.mtimeMs < resolved.mtimeMs) return null;
    return { file: resolved.file + suffix, ext: resolved.ext, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}

async function send(ctx: Context, resolved: Resolved, cacheControl: string, cache: BodyCache) {
  const compressible = COMPRESSIBLE.has(resolved.ext);
  // Brotli whenever the client takes it (browsers list gzip first but prefer neither), then gzip.
  const wanted: Encoding = !compressible
    ? 'identity'
    : ctx.acceptsEncodings('br') === 'br'
      ? 'br'
      : ctx.acceptsEncodings('gzip') === 'gzip'
        ? 'gzip'
        : 'identity';

  ctx.status = 200;
  ctx.type = CONTENT_TYPES[resolved.ext] ?? 'application/octet-stream';
  ctx.set('Cache-Control', cacheControl);
  ctx.lastModified = new Date(resolved.mtimeMs);
  if (compressible) ctx.vary('Accept-Encoding');
  // One validator per representation: a gzip body must not revalidate as the brotli one.
  const tag = `${resolved.size.toString(36)}-${Math.floor(resolved.mtimeMs).toString(36)}`;
  const suffix = wanted === 'identity' ? '' : `-${wanted}`;
  ctx.etag = `W/"${tag}${suffix}"`;

  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }

  if (wanted !== 'identity') {
    ctx.set('Content-Encoding', wanted);
    const sibling = await precompressed(resolved, wanted === 'br' ? '.br' : '.gz');
    if (sibling) return sendFile(ctx, sibling, cache);
    const body = await cache.get(resolved, wanted);
    return setBody(ctx, body.length, () => body);
  }
  await sendFile(ctx, resolved, cache);
}

/** A file as it is: from memory when small, else streamed from disk. */
async function sendFile(ctx: Context, resolved: Resolved, cache: BodyCache) {
  if (resolved.size > SMALL_FILE_BYTES) {
    return setBody(ctx, resolved.size, () => createReadStream(resolved.file));
  }
  // HEAD needs only the length: no read.
  const body = ctx.method === 'HEAD' ? Buffer.alloc(0) : await cache.file(resolved);
  setBody(ctx, resolved.size, () => body);
}

/**
 * Sets the body and its length. A HEAD answer gets the length of the GET body but no stream:
 * Koa would not read a stream for HEAD, and an unread file stream keeps its descriptor open.
 */
function setBody(ctx: Context, length: number, body: () => Buffer | ReadStream) {
  ctx.body = ctx.method === 'HEAD' ? Buffer.alloc(0) : body();
  ctx.length = length;
}

export function staticFiles(options: StaticFilesOptions = {}): Middleware {
  const demoDir = resolve(options.demoDir ?? resolve(repositoryRoot, 'demo'));
  const widgetsDir = resolve(options.widgetsDir ?? resolve(repositoryRoot, 'packages/elements/dist'));
  const cache = new BodyCache();
  const preloads = new ModulePreloadHints(widgetsDir);

  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const path = ctx.path;
    if (isApiSpace(path)) return next();

    if (path.startsWith('/widgets/')) {
      const rest = path.slice('/widgets/'.length);
      const resolved = await resolveSafe(widgetsDir, rest, WIDGET_TYPES);
      // Widgets are public code loaded by `<script type="module">` from CMS pages on other
      // origins, which fetch modules in CORS mode (without cookies): any origin may read them.
      if (!ctx.response.get('Access-Control-Allow-Origin')) ctx.set('Access-Control-Allow-Origin', '*');
      ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
      if (!resolved) {
        ctx.status = 404;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.set('Cache-Control', NO_STORE);
        ctx.body = 'Not Found';
        return;
      }
      await send(ctx, resolved, HASHED_CHUNK.test(rest) ? IMMUTABLE : REVALIDATE, cache);
      return;
    }

    const resolved = await resolveSafe(demoDir, path, DEMO_TYPES);
    if (!resolved) return next();
    if (resolved.ext === '.html') {
      const hints = await preloads.forPage(resolved.file, resolved.mtimeMs);
      if (hints) ctx.set('Link', hints);
    }
    await send(ctx, resolved, REVALIDATE, cache);
  };
}
