// Temporary (helper's visual check; deleted afterwards).
import base from '../web-test-runner.config.js';
export default {
  ...base,
  files: ['.shots/*.shot.ts'],
  testFramework: { config: { timeout: 60000 } },
  rootDir: '..',
  plugins: [
    ...base.plugins,
    {
      name: 'shot',
      async executeCommand({ command, payload, session }) {
        if (command !== 'shot') return undefined;
        const page = session.browser.getPage(session.id);
        await page.screenshot({ path: `/tmp/mine/${payload.name}.png`, fullPage: payload.full !== false });
        return true;
      },
    },
  ],
};
