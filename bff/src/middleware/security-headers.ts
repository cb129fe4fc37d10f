/**
 * Security headers on every response (API, health checks and the demo site alike).
 *
 * The Content-Security-Policy is one the widgets satisfy without exceptions: they are ES modules
 * loaded from this origin (no inline script), talk only to this origin's API, and style
 * themselves through constructable stylesheets (Lit's adoptedStyleSheets), which CSP's
 * `style-src` does not govern, so no 'unsafe-inline' is needed. Who may frame the portal is the
 * operator's choice (STREFA_FRAME_ANCESTORS, default 'self').
 *
 * HSTS is sent only over HTTPS (directly or through a trusted proxy, see TRUST_PROXY): over
 * plain HTTP it is ignored by browsers anyway, and on a developer's http://localhost it would be
 * a trap if a proxy later served the same host over HTTPS.
 */
import type { Middleware } from 'koa';
import type { Config } from '../config.ts';

/** One year, as HSTS preload lists expect; subdomains are the cooperative's to decide. */
const HSTS = 'max-age=31536000';

export function contentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/**
 * Powerful features the portal never uses, switched off for it and anything it embeds. Only
 * features Chromium knows: an unknown one ('bluetooth' was) makes it log a warning on every page
 * (test/permissions-policy.test.ts collects Chromium's console to keep it so).
 */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'display-capture=()',
].join(', ');

export function securityHeaders(config: Pick<Config, 'frameAncestors'>): Middleware {
  const csp = contentSecurityPolicy(config.frameAncestors);
  return async (ctx, next) => {
    // Set before next(): an error answered further down still carries them.
    ctx.set('Content-Security-Policy', csp);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    ctx.set('Permissions-Policy', PERMISSIONS_POLICY);
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    // Legacy twin of frame-ancestors for old browsers, only where it can say the same thing.
    if (config.frameAncestors === "'self'") ctx.set('X-Frame-Options', 'SAMEORIGIN');
    else if (config.frameAncestors === "'none'") ctx.set('X-Frame-Options', 'DENY');
    if (ctx.secure) ctx.set('Strict-Transport-Security', HSTS);
    await next();
  };
}
