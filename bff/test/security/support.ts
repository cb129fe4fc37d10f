/**
 * What the hostile-client tests share: a request sent exactly as written (node:http, so neither
 * dot segments nor escapes are normalised the way fetch's URL parser would), a raw socket for what
 * Node's own parser answers, and one signed-in client per role.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { KNOWN_PEOPLE } from '../../src/db/demo-data/known-people.ts';
import { DEMO_CLERK, DEMO_RESIDENT, issueStartPassword, loginAs } from '../support/residents.ts';
import type { TestClient, TestContext } from '../support/test-app.ts';

export type Role = 'anonymous' | 'resident' | 'clerk' | 'mustChange';
export const ROLES: readonly Role[] = ['anonymous', 'resident', 'clerk', 'mustChange'];

/** A person of the generated data without a login: signs in with a start password. */
export const START_PASSWORD_PERSON = KNOWN_PEOPLE.coOwners.memberPersonId;

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

/** One request with the path exactly as given; JSON body and the app's own Origin on writes. */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  options: { client?: TestClient; body?: unknown; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const url = new URL(base);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(options.client?.cookies.size ? { Cookie: options.client.cookieHeader() } : {}),
    ...(method !== 'GET' && method !== 'HEAD' ? { Origin: base, 'Content-Type': 'application/json' } : {}),
    ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes bytes to a fresh connection and reads until the server closes it (at most 10 s). */
export function rawSocket(base: string, bytes: string | Buffer): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    }, 10_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // A reset after the answer was written still leaves the answer to judge.
      if (chunks.length && error.code === 'ECONNRESET') resolve(Buffer.concat(chunks).toString('latin1'));
      else reject(error);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(bytes);
  });
}

/** The status line, headers (lower-cased names) and body of a raw HTTP answer. */
export function parseRaw(answer: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n') };
}

/** A signed-in client per role (the start-password resident has not changed it yet). */
export async function roleClients(ctx: TestContext): Promise<Record<Role, TestClient>> {
  const issued = await issueStartPassword(ctx, START_PASSWORD_PERSON);
  return {
    anonymous: ctx.client(),
    resident: await loginAs(ctx, DEMO_RESIDENT.login, DEMO_RESIDENT.password),
    clerk: await loginAs(ctx, DEMO_CLERK.login, DEMO_CLERK.password),
    mustChange: await loginAs(ctx, issued.login, issued.oneTimePassword),
  };
}
