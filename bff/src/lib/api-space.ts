/**
 * Which requests belong to the API, decided in one place for every middleware that treats the API
 * differently from pages (CORS, CSRF, sessions, readiness, the JSON error shape).
 *
 * The routers match paths exactly (case-sensitive, strict, not decoded): only a path that starts
 * with the literal `/api/v1/...` can reach a handler. The API's *space* is deliberately wider:
 * every spelling that looks like the API to a person or a proxy (`/API/...`, `/%61pi/...`,
 * `//api/...`, `/./api/...`) is answered like the API (a JSON 404, a session, a CSRF check), so no
 * spelling gets a different treatment from one middleware than from another.
 */

/** The clerks' endpoints: every path under it is for signed-in clerks only. */
export const ADMIN_PREFIX = '/api/v1/admin';

/** The path's segments as a server that decodes and normalises would see them. */
function canonicalSegments(path: string): string[] {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: judged as written.
  }
  const segments: string[] = [];
  for (const raw of decoded.split(/[/\\]/)) {
    const segment = raw.split(';')[0]!;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments;
}

/** True for every spelling of a path under `/api` (letter case, escapes, doubled or dot segments). */
export function isApiSpace(path: string): boolean {
  if (path === '/api' || path.startsWith('/api/')) return true;
  return canonicalSegments(path)[0]?.toLowerCase() === 'api';
}

/** True for the clerks' paths exactly as the routers match them (case-sensitive, not decoded). */
export function inClerkArea(path: string): boolean {
  return path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
}
