// Component tests in real Chromium (Debian's /usr/bin/chromium; nothing is downloaded).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/chromium.js';
import { realBff } from './test-support/real-bff.js';

// WTR_PORT lets two runs side by side (each also takes PORT + 1 for its BFF).
const PORT = Number(process.env.WTR_PORT) || 8731;
const bff = realBff({ origin: `http://localhost:${PORT}`, port: PORT + 1 });

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
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  plugins: [
    bff,
    // Accessible names as Chromium computes them (clerk-admin's button names).
    a11ySnapshotPlugin(),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
};
