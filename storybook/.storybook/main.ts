/**
 * Storybook for Strefa's widgets: every element in every state, with the API mocked by Mock
 * Service Worker (msw-storybook-addon) and the docs tables read from the elements manifest
 * (custom-elements.json, generated from the elements' JSDoc by `npm run manifest`).
 *
 * Stories live beside their element (`packages/elements/src/<tag>/<tag>.stories.ts`).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(here, '../..');

const config: StorybookConfig = {
  stories: ['../../packages/elements/src/**/*.stories.ts'],
  addons: [],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // The Mock Service Worker script (node_modules/msw/lib/mockServiceWorker.js, same version).
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    return mergeConfig(viteConfig, {
      // The elements use TypeScript's legacy decorators with `useDefineForClassFields: false`,
      // exactly as in packages/elements/vite.config.ts: Lit's reactive properties are accessors
      // that a class field must not shadow.
      oxc: {
        decorator: { legacy: true },
        typescript: { removeClassFieldsWithoutInitializer: true },
        assumptions: { setPublicClassFields: true },
      },
      server: { fs: { allow: [repositoryRoot] } },
      build: { chunkSizeWarningLimit: 2000 },
    });
  },
};

export default config;
