// Component tests in real Chromium (Debian's /usr/bin/chromium; nothing is downloaded).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { realBff } from './test-support/real-bff.js';

// WTR_PORT lets two runs side by side (each also takes PORT + 1 for its BFF).
const PORT = Number(process.env.WTR_PORT) || 8731;
const bff = realBff({ origin: `http://localhost:${PORT}`, port: PORT + 1 });

export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default {
  files: ['src/**/*.test.ts'],
  port: PORT,
  hostname: 'localhost',
  middleware: [bff.middleware],
  nodeResolve: { exportConditions: ['production', 'default'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
  plugins: [
    bff,
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
};
