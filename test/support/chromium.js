// The one place that says how every test and benchmark starts Chromium: Debian's package (nothing
// downloads a browser) and the flags it needs as root in a container without a GPU, where
// background networking would only hit the closed network. Plain JavaScript so that the component
// test runner's configuration (loaded by Node itself) can import it as well as the TypeScript code.

/** Debian's Chromium, unless CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
