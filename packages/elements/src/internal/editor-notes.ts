/**
 * Notes for the web editor in the browser's console (the guide tells them to look there): the
 * resident gets a plain sentence in the widget, the editor what to change. Loaded only when
 * something is wrong (a dynamic import), so a healthy page never downloads this prose.
 */

const told = new Set<string>();

function tell(subject: string, text: string): void {
  if (told.has(subject)) return;
  told.add(subject);
  console.error(`Strefa Mieszkańca: ${text}`);
}

/**
 * After a failed call to `apiBase`: is it another origin whose server answers, while the browser
 * hides its answers from this page (CORS: the page's origin is not in STREFA_ALLOWED_ORIGINS)? A
 * `no-cors` request gets an opaque answer whatever the CORS headers, so it resolves exactly when
 * the server is up. Tells the editor what to change when so.
 */
export async function originNotAllowed(apiBase: string): Promise<boolean> {
  const page = location.origin;
  if (new URL(apiBase, location.href).origin === page) return false;
  try {
    await fetch(`${apiBase}/healthz`, { mode: 'no-cors', credentials: 'omit', cache: 'no-store' });
  } catch {
    return false; // down, or no network: a real "no connection"
  }
  tell(
    'origin',
    `the portal at ${apiBase} does not allow this page's address (${page}). Add ${page} to ` +
      `STREFA_ALLOWED_ORIGINS in the portal server's settings (comma-separated), or serve the ` +
      `portal under this site's own address (docs/deployment.md).`,
  );
  return true;
}

/** A login succeeded, but the browser does not send its cookie back from this page. */
export function cookieBlocked(apiBase: string, page: string): void {
  tell(
    'cookie',
    `the login at ${apiBase || page} succeeded, but the browser did not send its session cookie ` +
      `back from ${page}: the page and the portal are on different sites, so the cookie is a ` +
      `third-party cookie, which browsers block. Serve the portal on the same site as the page ` +
      `(e.g. strefa.example.pl for www.example.pl), or behind this site's own web server under ` +
      `/strefa/ (docs/deployment.md, "the same address as the website").`,
  );
}
