/**
 * A real WordPress for the plugin's test, from Debian's packages, in one temporary folder and on
 * loopback ports only: MariaDB with its own data directory and socket (mariadb-install-db), php-fpm
 * with its own configuration, nginx in front (passing the port in HTTP_HOST, as WordPress builds
 * its URLs from it), and a copy of /usr/share/wordpress with its own wp-config.php (Debian's reads
 * /etc/wordpress/config-<host>.php, which this test does not touch). WordPress is installed
 * headlessly in Polish with the plugin from cms/wordpress/strefa, an administrator and an Author
 * (each with an application password for the REST API). `stop()` ends every process and removes
 * the folder; every wait is bounded.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repositoryRoot } from '../support/bff.ts';
import { NGINX_BINARY } from '../support/nginx.ts';

const WORDPRESS = '/usr/share/wordpress';
const PHP_FPM = ['/usr/sbin/php-fpm8.2', '/usr/sbin/php-fpm'].find((path) => existsSync(path));
const MARIADBD = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((path) => existsSync(path));
const asRoot = process.getuid?.() === 0;

/** What the test needs, or why it cannot run (a message naming the Debian packages). */
export function missingPackages(): string[] {
  const missing: string[] = [];
  if (!existsSync(join(WORDPRESS, 'wp-settings.php'))) missing.push('wordpress');
  if (!MARIADBD || !existsSync('/usr/bin/mariadb-install-db')) missing.push('mariadb-server');
  if (!PHP_FPM) missing.push('php-fpm');
  if (!NGINX_BINARY) missing.push('nginx');
  return missing;
}

export interface Account {
  login: string;
  password: string;
  /** An application password for the REST API (Basic auth). */
  applicationPassword: string;
}

export interface RunningWordPress {
  url: string;
  dir: string;
  admin: Account;
  author: Account;
  /** A REST call as `account` (JSON in and out). */
  rest(
    account: Account,
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
  /** Runs PHP with WordPress loaded; returns what it printed. */
  php(code: string): string;
  logs(): string;
  stop(): Promise<void>;
}

async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  output: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs} ms\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

interface Daemon {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

function daemon(command: string, args: string[], signal: NodeJS.Signals = 'SIGTERM'): Daemon {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function startWordPress(options: { portalUrl?: string } = {}): Promise<RunningWordPress> {
  const missing = missingPackages();
  if (missing.length)
    throw new Error(`missing Debian packages: ${missing.join(' ')} (.ci/run installs them)`);
  const dir = mkdtempSync(join(tmpdir(), 'strefa-wordpress-'));
  // nginx's and php-fpm's workers read the files: the folder must be passable for them.
  chmodSync(dir, 0o755);
  const daemons: Daemon[] = [];
  const stop = async () => {
    for (const running of daemons.reverse()) await running.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [dbPort, fpmPort, webPort] = [await freePort(), await freePort(), await freePort()];
    const url = `http://127.0.0.1:${webPort}`;
    const socket = join(dir, 'mysqld.sock');

    // ---- MariaDB: its own data directory, socket and loopback port
    const datadir = join(dir, 'db');
    execFileSync(
      '/usr/bin/mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${datadir}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...(asRoot ? ['--user=root'] : []),
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const db = daemon(MARIADBD!, [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--port=${dbPort}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=32M',
      ...(asRoot ? ['--user=root'] : []),
    ]);
    daemons.push(db);
    await waitFor('MariaDB', () => portOpen(dbPort), 60_000, db.output);
    const dbPassword = randomBytes(12).toString('hex');
    execFileSync(
      'mariadb',
      [
        '--no-defaults',
        `--socket=${socket}`,
        '-uroot',
        '-e',
        [
          'CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_polish_ci;',
          `CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY '${dbPassword}';`,
          `GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';`,
        ].join(' '),
      ],
      { stdio: 'pipe', timeout: 30_000 },
    );

    // ---- WordPress: a copy of Debian's tree with a wp-config.php of its own, the plugin in it
    const root = join(dir, 'wordpress');
    cpSync(WORDPRESS, root, { recursive: true, verbatimSymlinks: true });
    cpSync(join(repositoryRoot, 'cms/wordpress/strefa'), join(root, 'wp-content/plugins/strefa'), {
      recursive: true,
    });
    mkdirSync(join(root, 'wp-content/uploads'), { recursive: true });
    const key = () => randomBytes(24).toString('base64');
    writeFileSync(
      join(root, 'wp-config.php'),
      `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '${dbPassword}');
define('DB_HOST', '127.0.0.1:${dbPort}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${[
  'AUTH_KEY',
  'SECURE_AUTH_KEY',
  'LOGGED_IN_KEY',
  'NONCE_KEY',
  'AUTH_SALT',
  'SECURE_AUTH_SALT',
  'LOGGED_IN_SALT',
  'NONCE_SALT',
]
  .map((name) => `define('${name}', '${key()}');`)
  .join('\n')}
$table_prefix = 'wp_';
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
// Application passwords over plain HTTP are allowed for a 'local' environment only.
define('WP_ENVIRONMENT_TYPE', 'local');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
// No calls to wordpress.org from a test (the portal on 127.0.0.1 is this host: still allowed).
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', '${join(dir, 'wp-debug.log')}');
define('WP_DEBUG_DISPLAY', false);
if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
`,
    );

    // ---- php-fpm: its own configuration, loopback port
    const fpmConfig = join(dir, 'php-fpm.conf');
    writeFileSync(
      fpmConfig,
      [
        '[global]',
        `pid = ${join(dir, 'php-fpm.pid')}`,
        `error_log = ${join(dir, 'php-fpm.log')}`,
        'daemonize = no',
        '[www]',
        `listen = 127.0.0.1:${fpmPort}`,
        ...(asRoot ? ['user = root', 'group = root'] : []),
        'pm = static',
        'pm.max_children = 4',
        'catch_workers_output = yes',
        `php_admin_value[error_log] = ${join(dir, 'php-errors.log')}`,
        'php_admin_flag[log_errors] = on',
        '',
      ].join('\n'),
    );
    const fpm = daemon(PHP_FPM!, ['-y', fpmConfig, '-F', ...(asRoot ? ['-R'] : [])], 'SIGQUIT');
    daemons.push(fpm);
    await waitFor('php-fpm', () => portOpen(fpmPort), 30_000, fpm.output);

    // ---- nginx in front
    const nginxDir = join(dir, 'nginx');
    for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      mkdirSync(join(nginxDir, sub), { recursive: true });
    const nginxConfig = join(nginxDir, 'nginx.conf');
    writeFileSync(
      nginxConfig,
      `worker_processes 1;
error_log ${join(nginxDir, 'error.log')} warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log ${join(nginxDir, 'access.log')};
  client_body_temp_path ${join(nginxDir, 'client_body')};
  proxy_temp_path ${join(nginxDir, 'proxy')};
  fastcgi_temp_path ${join(nginxDir, 'fastcgi')};
  uwsgi_temp_path ${join(nginxDir, 'uwsgi')};
  scgi_temp_path ${join(nginxDir, 'scgi')};
  server {
    listen 127.0.0.1:${webPort};
    root ${root};
    index index.php;
    client_max_body_size 8m;
    location / {
      try_files $uri $uri/ /index.php?$args;
    }
    location ~ \\.php$ {
      try_files $uri =404;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      # WordPress builds its addresses from HTTP_HOST: it must carry the port.
      fastcgi_param HTTP_HOST $host:$server_port;
      fastcgi_pass 127.0.0.1:${fpmPort};
      fastcgi_read_timeout 60s;
    }
  }
}
`,
    );
    execFileSync(
      NGINX_BINARY!,
      ['-t', '-q', '-p', nginxDir, '-c', nginxConfig, '-g', `pid ${join(nginxDir, 'nginx.pid')};`],
      {
        stdio: 'pipe',
      },
    );
    const web = daemon(
      NGINX_BINARY!,
      ['-p', nginxDir, '-c', nginxConfig, '-g', `daemon off; pid ${join(nginxDir, 'nginx.pid')};`],
      'SIGQUIT',
    );
    daemons.push(web);
    await waitFor('nginx', () => portOpen(webPort), 10_000, web.output);

    // ---- install WordPress in Polish, activate the plugin, add the accounts
    const php = (code: string) =>
      execFileSync('php', ['-d', 'display_errors=stderr', '-r', code], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, STREFA_WP_ROOT: root },
      });
    const boot = `$_SERVER['HTTP_HOST'] = '127.0.0.1:${webPort}'; $_SERVER['REQUEST_URI'] = '/'; $_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';`;
    const admin = { login: 'administrator', password: `Admin ${randomBytes(8).toString('hex')}` };
    const author = { login: 'autorka', password: `Autorka ${randomBytes(8).toString('hex')}` };
    const installed = JSON.parse(
      php(`${boot}
define('WP_INSTALLING', true);
require getenv('STREFA_WP_ROOT') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
// No mail from a test (and no sendmail here); a public site, so noindex means the plugin's.
add_filter('pre_wp_mail', '__return_false');
$install = wp_install('Spółdzielnia Mieszkaniowa „Przykładowa”', '${admin.login}', 'administrator@example.invalid', true, '', '${admin.password}', 'pl_PL');
// Pretty permalinks, with their rewrite rules written now (nginx sends every path to index.php).
global $wp_rewrite; $wp_rewrite->set_permalink_structure('/%postname%/'); $wp_rewrite->flush_rules(false);
$activated = activate_plugin('strefa/strefa.php');
if (is_wp_error($activated)) { fwrite(STDERR, $activated->get_error_message()); exit(1); }
${options.portalUrl ? `update_option('strefa_portal_url', '${options.portalUrl}');` : ''}
$authorId = wp_insert_user(['user_login' => '${author.login}', 'user_pass' => '${author.password}', 'user_email' => 'autorka@example.invalid', 'role' => 'author', 'display_name' => 'Anna Autorka', 'locale' => '']);
if (is_wp_error($authorId)) { fwrite(STDERR, $authorId->get_error_message()); exit(1); }
[$adminApp] = WP_Application_Passwords::create_new_application_password($install['user_id'], ['name' => 'test']);
[$authorApp] = WP_Application_Passwords::create_new_application_password($authorId, ['name' => 'test']);
echo json_encode(['admin' => $adminApp, 'author' => $authorApp, 'lang' => get_option('WPLANG'), 'unfiltered' => user_can($authorId, 'unfiltered_html')]);`)
        .trim()
        .split('\n')
        .pop()!,
    ) as { admin: string; author: string; lang: string; unfiltered: boolean };
    if (installed.lang !== 'pl_PL') throw new Error(`WordPress installed in '${installed.lang}', not pl_PL`);
    if (installed.unfiltered)
      throw new Error('the Author may post unfiltered HTML: the test would prove nothing');

    const accounts = {
      admin: { ...admin, applicationPassword: installed.admin },
      author: { ...author, applicationPassword: installed.author },
    };
    return {
      url,
      dir,
      ...accounts,
      async rest(account, method, route, body) {
        const response = await fetch(`${url}/?rest_route=${encodeURIComponent(route).replace(/%2F/g, '/')}`, {
          method,
          headers: {
            Authorization: `Basic ${Buffer.from(`${account.login}:${account.applicationPassword}`).toString('base64')}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // an HTML error page: keep the text for the assertion message
        }
        return { status: response.status, body: parsed };
      },
      php: (code: string) => php(`${boot} require getenv('STREFA_WP_ROOT') . '/wp-load.php'; ${code}`),
      logs: () =>
        ['php-errors.log', 'php-fpm.log', 'wp-debug.log', 'nginx/error.log']
          .map((file) => join(dir, file))
          .filter((file) => existsSync(file))
          .map((file) => `--- ${file}\n${readFileSync(file, 'utf8')}`)
          .join('\n'),
      stop,
    };
  } catch (error) {
    const output = daemons.map((running) => running.output()).join('\n');
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
}
