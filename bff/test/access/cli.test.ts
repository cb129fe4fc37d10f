/**
 * The operator command: `npm run admin -- create-clerk LOGIN "Full Name"` prints a one-time
 * password once; the new clerk must change it at the first sign-in before the clerk API answers.
 * `reset LOGIN` gives a new start password.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../support/residents.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const run = promisify(execFile);
const bffRoot = resolve(import.meta.dirname, '../..');

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

async function admin(...args: string[]) {
  const database = ctx.config.database;
  if (database.client !== 'sqlite') throw new Error('sqlite expected');
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], {
      cwd: bffRoot,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: `sqlite:${database.filename}`,
        SESSION_SECRET: 'cli-test-secret-cli-test-secret-cli-test',
        STREFA_DEMO: 'off',
        SCRYPT_LOGN: '10',
        LOG_LEVEL: 'silent',
      },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const field = (stdout: string, name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(stdout)?.[1];

describe('npm run admin', () => {
  let password: string;

  it('create-clerk prints a login and a one-time password', async () => {
    const result = await admin('create-clerk', 'Anna.Nowak', 'Anna Nowak');
    expect(result.code, result.stderr).toBe(0);
    expect(field(result.stdout, 'login')).toBe('anna.nowak');
    password = field(result.stdout, 'one-time password')!;
    expect(password).toMatch(/^[abcdefghjkmnpqrstuvwxyz23456789]{12}$/);
    expect(field(result.stdout, 'expires')).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('the new clerk must change the password before using the clerk API', async () => {
    const clerk = await loginAs(ctx, 'anna.nowak', password);
    const session = await clerk.get('/api/v1/session');
    expect(session.body.user).toMatchObject({
      role: 'clerk',
      displayName: 'Anna Nowak',
      mustChangePassword: true,
    });
    const refused = await clerk.get('/api/v1/admin/people?q=Wiś');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_change_required');
    const changed = await clerk.put('/api/v1/session/password', {
      currentPassword: password,
      newPassword: 'Biurko przy oknie w administracji osiedla',
    });
    expect(changed.status).toBe(204);
    expect((await clerk.get('/api/v1/admin/people?q=Wiś')).status).toBe(200);
    const audit = await clerk.get('/api/v1/admin/audit?login=anna.nowak');
    expect(audit.body.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['clerk_created', 'login_success', 'password_change']),
    );
  });

  it('refuses an existing login and a malformed one', async () => {
    const twice = await admin('create-clerk', 'anna.nowak', 'Anna Nowak');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already_issued/);
    const bad = await admin('create-clerk', 'x', 'X');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid_parameter/);
  });

  it('reset gives a new start password and the old one stops working', async () => {
    const result = await admin('reset', 'anna.nowak');
    expect(result.code, result.stderr).toBe(0);
    const fresh = field(result.stdout, 'one-time password')!;
    expect(fresh).not.toBe(password);
    const old = await ctx.client().post('/api/v1/session', {
      login: 'anna.nowak',
      password: 'Biurko przy oknie w administracji osiedla',
    });
    expect(old.status).toBe(401);
    const clerk = await loginAs(ctx, 'anna.nowak', fresh);
    expect((await clerk.get('/api/v1/session')).body.user.mustChangePassword).toBe(true);
  });

  it('prints usage for a wrong command', async () => {
    const result = await admin('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/create-clerk/);
  });
});

describe('npm run admin, as an operator types it at the repository root', () => {
  /** `npm run admin -- …` through npm itself, so npm's own output is part of what is checked. */
  async function npmAdmin(...args: string[]) {
    const database = ctx.config.database;
    if (database.client !== 'sqlite') throw new Error('sqlite expected');
    try {
      const { stdout, stderr } = await run('npm', ['run', 'admin', '--', ...args], {
        cwd: resolve(bffRoot, '..'),
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: `sqlite:${database.filename}`,
          SESSION_SECRET: 'cli-test-secret-cli-test-secret-cli-test',
          STREFA_DEMO: 'off',
          SCRYPT_LOGN: '10',
          LOG_LEVEL: 'silent',
        },
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('a refusal is one line on stderr and a non-zero exit, with no npm error report', async () => {
    const first = await npmAdmin('create-clerk', 'npm-clerk', 'Ewa Operatorka');
    expect(first.code).toBe(0);
    const again = await npmAdmin('create-clerk', 'npm-clerk', 'Ewa Operatorka');
    expect(again.code).not.toBe(0);
    const lines = again.stderr.split('\n').filter((line) => line.trim());
    expect(lines, again.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^Error \(\w+\): /);
    expect(again.stderr).not.toMatch(/npm error|npm ERR!/);
    expect(again.stdout).not.toMatch(/npm error|npm ERR!|one-time password/);
  });

  it('an unreachable database is one line too', async () => {
    const database = ctx.config.database;
    if (database.client !== 'sqlite') throw new Error('sqlite expected');
    const { code, stderr } = await run('npm', ['run', 'admin', '--', 'reset', 'nobody'], {
      cwd: resolve(bffRoot, '..'),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: 'sqlite:/nonexistent-dir/strefa.sqlite',
        SESSION_SECRET: 'cli-test-secret-cli-test-secret-cli-test',
        STREFA_DEMO: 'off',
        LOG_LEVEL: 'silent',
      },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(code).not.toBe(0);
    const lines = stderr.split('\n').filter((line) => line.trim());
    expect(lines, stderr).toHaveLength(1);
    expect(stderr).not.toMatch(/npm error|\n\s+at /);
  });
});
