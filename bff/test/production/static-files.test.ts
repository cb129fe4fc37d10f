/**
 * The static files middleware on folders of its own (the repository's demo and build are covered
 * end to end in test/static-files.test.ts): small files answered from memory are never stale, and
 * a page's modulepreload hints follow its widget entries and their static imports as they change.
 */
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../../src/middleware/static-files.ts';

let dir: string;
let base: string;
let server: ReturnType<Koa['listen']>;

/** Writes a file with an mtime of its own (a second later each time), as a deploy would. */
let clock = Date.now() / 1000 - 1000;
function write(path: string, text: string): void {
  writeFileSync(join(dir, path), text);
  clock += 1;
  utimesSync(join(dir, path), clock, clock);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strefa-static-'));
  mkdirSync(join(dir, 'demo'));
  mkdirSync(join(dir, 'widgets/chunks'), { recursive: true });
  const app = new Koa();
  app.use(staticFiles({ demoDir: join(dir, 'demo'), widgetsDir: join(dir, 'widgets') }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static files from memory', () => {
  it('serves a changed file anew, never the copy held in memory', async () => {
    write('widgets/chunks/a-AbCdEf12.js', 'export const a = 1;');
    expect(await (await fetch(`${base}/widgets/chunks/a-AbCdEf12.js`)).text()).toBe('export const a = 1;');
    write('widgets/chunks/a-AbCdEf12.js', 'export const a = 22;');
    expect(await (await fetch(`${base}/widgets/chunks/a-AbCdEf12.js`)).text()).toBe('export const a = 22;');
  });
});

describe('modulepreload hints', () => {
  it("name a page's stylesheets, then its entries and their static imports, and follow changes", async () => {
    write('widgets/chunks/lit-AAAAAAAA.js', 'export const l = 1;');
    write('widgets/chunks/x-BBBBBBBB.js', 'export const x = 1;');
    write('widgets/chunks/y-CCCCCCCC.js', 'export const y = 1;');
    write(
      'widgets/strefa.js',
      'import{l}from"./chunks/lit-AAAAAAAA.js";import"./chunks/x-BBBBBBBB.js";import(`./clerk-admin.js`);',
    );
    write(
      'demo/page.html',
      '<link rel="stylesheet" href="/site.css"><script type="module" src="/widgets/strefa.js"></script>',
    );
    write('demo/plain.html', '<p>No widgets here.</p>');
    const hints = async (page: string) => (await fetch(`${base}/${page}`)).headers.get('link');

    expect(await hints('page.html')).toBe(
      '</site.css>; rel=preload; as=style, </widgets/strefa.js>; rel=modulepreload, ' +
        '</widgets/chunks/lit-AAAAAAAA.js>; rel=modulepreload, </widgets/chunks/x-BBBBBBBB.js>; rel=modulepreload',
    );
    expect(await hints('plain.html')).toBeNull();

    // A new build: the entry imports other chunks; the page's hints follow at once.
    write('widgets/strefa.js', 'import"./chunks/y-CCCCCCCC.js";');
    expect(await hints('page.html')).toBe(
      '</site.css>; rel=preload; as=style, </widgets/strefa.js>; rel=modulepreload, ' +
        '</widgets/chunks/y-CCCCCCCC.js>; rel=modulepreload',
    );
    // Re-exports load their chunk as imports do (an entry that is a facade over a chunk).
    write(
      'widgets/strefa.js',
      'export{l as L}from"./chunks/lit-AAAAAAAA.js";export*from"./chunks/x-BBBBBBBB.js";',
    );
    expect(await hints('page.html')).toBe(
      '</site.css>; rel=preload; as=style, </widgets/strefa.js>; rel=modulepreload, ' +
        '</widgets/chunks/lit-AAAAAAAA.js>; rel=modulepreload, </widgets/chunks/x-BBBBBBBB.js>; rel=modulepreload',
    );
    // An entry that does not exist is not hinted (nor are its chunks).
    write('demo/page.html', '<script type="module" src="/widgets/missing.js"></script>');
    expect(await hints('page.html')).toBeNull();
  });
});
