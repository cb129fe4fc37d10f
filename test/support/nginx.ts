/**
 * Runs Debian's nginx with the repository's example site (deploy/nginx/strefa.conf) in a temp
 * folder: a self-signed certificate made with openssl at test time, the example's ports,
 * upstream addresses and certificate paths substituted, everything else exactly as shipped.
 * Also a minimal HTTPS client that trusts that certificate (fetch cannot be told to).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLE_SITE = join(repositoryRoot, 'deploy/nginx/strefa.conf');
export const NGINX_BINARY = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

export interface NginxOptions {
  httpsPort: number;
  httpPort: number;
  /** host:port of each BFF instance. */
  upstreams: string[];
}

export interface RunningNginx {
  dir: string;
  certificate: string;
  /** The site file as nginx runs it. */
  site: string;
  stop(): Promise<void>;
  errorLog(): string;
}

/** The example site with the test's ports, upstreams and certificate paths. */
export function siteForTest(example: string, options: NginxOptions, cert: string, key: string): string {
  let site = example
    .replace(/^\s*listen \[::\]:\d+.*$/gm, '') // loopback IPv4 only in tests
    .replace(/listen 80;/, `listen 127.0.0.1:${options.httpPort};`)
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${options.httpsPort} ssl http2;`)
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${cert};`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${key};`);
  const servers = options.upstreams.map((address) => `    server ${address} max_fails=3 fail_timeout=10s;`);
  site = site.replace(/(upstream strefa_bff \{[\s\S]*?)((?:\s*server [^\n]+\n)+)/, (_all, head: string) => {
    return `${head}\n${servers.join('\n')}\n`;
  });
  return site;
}

export function makeCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolveOpen) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolveOpen(true);
      });
      socket.on('error', () => resolveOpen(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  return runNginx(
    (cert, key) => siteForTest(readFileSync(EXAMPLE_SITE, 'utf8'), options, cert, key),
    options.httpsPort,
  );
}

/**
 * Runs nginx in a temp folder with the site `makeSite(certificate, key)` returns (a certificate
 * for localhost/127.0.0.1 is made first), and waits until it listens on `port`.
 */
export async function runNginx(
  makeSite: (cert: string, key: string, dir: string) => string,
  port: number,
): Promise<RunningNginx> {
  if (!NGINX_BINARY) throw new Error('nginx is not installed (apt-get install nginx; .ci/run does it)');
  const dir = mkdtempSync(join(tmpdir(), 'strefa-nginx-'));
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  const { cert, key } = makeCertificate(dir);
  const site = makeSite(cert, key, dir);
  writeFileSync(join(dir, 'strefa.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'worker_processes 1;',
      `error_log ${join(dir, 'error.log')} info;`,
      'events { worker_connections 64; }',
      'http {',
      `  access_log ${join(dir, 'access.log')};`,
      `  client_body_temp_path ${join(dir, 'client_body')};`,
      `  proxy_temp_path ${join(dir, 'proxy')};`,
      `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
      `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
      `  scgi_temp_path ${join(dir, 'scgi')};`,
      '  types { text/html html; text/javascript js; text/css css; image/png png; image/svg+xml svg; }',
      `  include ${join(dir, 'strefa.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  // The configuration must pass nginx's own check, as `nginx -t` would before a reload.
  execFileSync(
    NGINX_BINARY,
    ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', `pid ${join(dir, 'nginx.pid')};`],
    { stdio: 'pipe' },
  );
  const child: ChildProcess = spawn(
    NGINX_BINARY,
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', `daemon off; pid ${join(dir, 'nginx.pid')};`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.on('exit', () => resolveExit()));
  try {
    await waitForPort(port, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  const certificate = readFileSync(cert, 'utf8');
  return {
    dir,
    certificate,
    site,
    errorLog: () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGQUIT'); // graceful shutdown
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface HttpsResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  setCookies: string[];
}

/** One HTTPS request that trusts the test certificate; JSON in, JSON (or text) out. */
export function httpsRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; ca: string },
): Promise<HttpsResponse> {
  return new Promise((resolveResponse, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        ca: options.ca,
        servername: 'localhost',
        agent: false,
        headers: {
          Accept: 'application/json',
          ...(payload
            ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = text;
          }
          const raw = res.headers['set-cookie'];
          resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body, setCookies: raw ?? [] });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
