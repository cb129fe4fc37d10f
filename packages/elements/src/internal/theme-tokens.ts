/**
 * The private copies of the documented `--strefa-*` custom properties, with their defaults (see
 * theme.styles.ts for the table and the reason for private names). A module of its own so that
 * the light-DOM `<resident-login>` can use the tokens without bundling every shared class of
 * `themeStyles` (a `css` tagged template is never tree-shaken).
 */
import { unsafeCSS } from 'lit';

/** The tokens as declarations, for `:host` (shadow widgets) or the login's scope (light DOM). */
export const tokenDeclarations = unsafeCSS(`
  --_primary: var(--strefa-color-primary, #0b5cad);
  --_on-primary: var(--strefa-color-on-primary, #ffffff);
  --_text: var(--strefa-color-text, #1b1b1b);
  --_muted: var(--strefa-color-muted, #595959);
  --_surface: var(--strefa-color-surface, #ffffff);
  --_border: var(--strefa-color-border, #767676);
  --_danger: var(--strefa-color-danger, #b3261e);
  --_success: var(--strefa-color-success, #1b6e35);
  --_focus: var(--strefa-color-focus, #c74b00);
  --_font: var(--strefa-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif);
  --_font-size: var(--strefa-font-size, medium);
  --_radius: var(--strefa-radius, 4px);
  --_space: var(--strefa-space, 1rem);
`);
