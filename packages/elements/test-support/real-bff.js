// Starts the real BFF (tsx, a fresh embedded database with demo data) for the component tests
// and proxies `/api/*` from the test runner's origin to it, so widgets in Chromium talk to the
// real server, real sessions and real data. Error states that a healthy server cannot produce
// are simulated in the tests themselves.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * @param {{ origin: string, port: number }} options the test runner's origin, and the BFF's port
 */
export function realBff({ origin, port }) {
  let child;
  let dir;
  const target = `http://127.0.0.1:${port}`;
  return {
    name: 'strefa-real-bff',
    async serverStart() {
      dir = mkdtempSync(join(tmpdir(), 'strefa-wtr-'));
      child = spawn(process.execPath, ['--import', 'tsx', 'bff/src/server.ts'], {
        cwd: repositoryRoot,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: `sqlite:${join(dir, 'strefa.sqlite')}`,
          STREFA_DEMO: 'on',
          STREFA_DEMO_UNITS: '60',
          STREFA_DEMO_YEARS: '3',
          SESSION_SECRET: 'component-tests-secret-0123456789abcdef',
          STREFA_ALLOWED_ORIGINS: origin,
          SCRYPT_LOGN: '10',
          LOG_LEVEL: 'warn',
          // Every test signs in as the demo accounts from this one address, hundreds of times:
          // the per-client login limits (tested in bff/test/security/) would take them for a flood.
          LOGIN_LIMIT_PER_ADDRESS: '1000000',
          LOGIN_LIMIT_PER_LOGIN: '1000000',
          LOGIN_IN_FLIGHT_PER_ADDRESS: '1000',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error('BFF did not start within 90 s')), 90_000);
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
          if (output.includes('Strefa Mieszkańca is running')) {
            clearTimeout(timer);
            resolvePromise();
          }
        });
        child.on('exit', (code) => reject(new Error(`BFF exited with ${code}:\n${output}`)));
      });
    },
    async serverStop() {
      child?.kill('SIGTERM');
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    /** A dev-server middleware: forwards /api/* and /healthz to the BFF, cookies and all. */
    middleware: async (ctx, next) => {
      if (!ctx.path.startsWith('/api/')) return next();
      const headers = { ...ctx.headers };
      delete headers.host;
      delete headers['content-length'];
      const body = ['GET', 'HEAD'].includes(ctx.method) ? undefined : await readBody(ctx.req);
      const response = await fetch(target + ctx.url, {
        method: ctx.method,
        headers,
        body,
        redirect: 'manual',
      });
      ctx.status = response.status;
      for (const [name, value] of response.headers) {
        if (
          !['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'set-cookie'].includes(
            name,
          )
        )
          ctx.set(name, value);
      }
      const cookies = response.headers.getSetCookie();
      if (cookies.length) ctx.set('Set-Cookie', cookies);
      ctx.body = Buffer.from(await response.arrayBuffer());
    },
  };
}

function readBody(req) {
  return new Promise((resolvePromise, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolvePromise(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
