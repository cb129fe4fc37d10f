/**
 * The server's JSON log (logger.ts, `buffered`; request lines: middleware/request-id.ts): request lines are written in blocks, yet nothing
 * is lost or reordered where it matters. Warnings and errors are written at once, held lines are
 * written when the process exits and, on a quiet server, within `LOG_FLUSH_EVERY_MS`.
 *
 * The child writes its own markers with `fs.writeSync(1)` into the same pipe as the log, so the
 * order the parent reads is the order in which the bytes were written.
 */
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import Koa from 'koa';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { requestId } from '../../src/middleware/request-id.ts';
import { repositoryRoot } from './support/bff-process.ts';

function runChild(body: string): string[] {
  const script = `
    import { writeSync } from 'node:fs';
    import { createLogger } from './bff/src/logger.ts';
    const logger = createLogger('info', 'json', { buffered: true });
    const mark = (name) => writeSync(1, JSON.stringify({ mark: name }) + '\\n');
    ${body}
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return child.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const entry = JSON.parse(line) as { mark?: string; msg?: string };
      return entry.mark ? `mark ${entry.mark}` : `log ${entry.msg}`;
    });
}

describe('the buffered JSON log', () => {
  it('holds info lines, writes a warning (and what came before it) at once, and the rest at exit', () => {
    const order = runChild(`
      logger.info('request one');
      logger.warn('a warning');
      mark('after the warning');
      logger.info('request two');
      mark('before exit');
      process.exit(0);
    `);
    expect(order).toEqual([
      'log request one',
      'log a warning',
      'mark after the warning',
      // Held in memory: written only by the exit hook, after the child's last own write.
      'mark before exit',
      'log request two',
    ]);
  });

  it('writes held lines of a quiet server without waiting for more', () => {
    const order = runChild(`
      logger.info('a lone request');
      setTimeout(() => { mark('a second later'); process.exit(0); }, 1000);
    `);
    expect(order).toEqual(['log a lone request', 'mark a second later']);
  });

  it('writes everything held when flushed (the server does before its start banner)', () => {
    const order = runChild(`
      logger.info('database ready');
      logger.flush();
      mark('banner');
      process.exit(0);
    `);
    expect(order).toEqual(['log database ready', 'mark banner']);
  });
});

describe('request lines', () => {
  it('carry the request id, whether or not the request logged anything else', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().trim().split('\n')) lines.push(JSON.parse(line));
        done();
      },
    });
    const app = new Koa();
    app.use(requestId(pino({ base: null, timestamp: false }, sink)));
    app.use((ctx) => {
      if (ctx.path === '/loud') ctx.state.log.warn('something worth a look');
      ctx.body = 'ok';
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      await fetch(`${base}/quiet`, { headers: { 'X-Request-Id': 'quiet-request-1' } });
      await fetch(`${base}/loud`, { headers: { 'X-Request-Id': 'loud-request-2' } });
    } finally {
      server.close();
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map(({ requestId, msg, path }) => ({ requestId, msg, path }))).toEqual([
      { requestId: 'quiet-request-1', msg: 'request', path: '/quiet' },
      { requestId: 'loud-request-2', msg: 'something worth a look', path: undefined },
      { requestId: 'loud-request-2', msg: 'request', path: '/loud' },
    ]);
  });
});
