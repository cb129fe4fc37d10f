/**
 * The shared look of every Strefa widget, and the styling contract for the host page.
 *
 * The host page themes the widgets with these documented custom properties (set them on the
 * widget, on `body` or on `:root`):
 *
 * | property | default | use |
 * | --- | --- | --- |
 * | `--strefa-color-primary` | `#0b5cad` | buttons, links, active tab |
 * | `--strefa-color-on-primary` | `#ffffff` | text on the primary colour |
 * | `--strefa-color-text` | `#1b1b1b` | text |
 * | `--strefa-color-muted` | `#595959` | secondary text |
 * | `--strefa-color-surface` | `#ffffff` | background |
 * | `--strefa-color-border` | `#767676` | field and table borders |
 * | `--strefa-color-danger` | `#b3261e` | errors, arrears |
 * | `--strefa-color-success` | `#1b6e35` | confirmations, overpayments |
 * | `--strefa-color-focus` | `#c74b00` | keyboard focus ring |
 * | `--strefa-font-family` | system UI fonts | all text |
 * | `--strefa-font-size` | `medium` (the reader's browser setting) | base size |
 * | `--strefa-radius` | `4px` | corners |
 * | `--strefa-space` | `1rem` | base spacing |
 *
 * Inside the widgets the values are read through private copies (`--_primary`, `--_text`, …) that
 * fall back to the defaults. Setting the public names on the host would override a theme that the
 * page sets on `:root`, because a declaration on the element beats inheritance; private names
 * avoid that. Component styles therefore use `var(--_primary)` etc.
 *
 * All defaults meet WCAG AA: text colours ≥ 4.5:1 on the surface (primary 6.7:1, text 17:1,
 * muted 7:1, danger 6.5:1, success 6.3:1; white on primary 6.7:1), border 4.5:1, focus ring 4.7:1.
 */
import { css } from 'lit';
import { tokenDeclarations } from './theme-tokens.ts';

export { tokenDeclarations };

/**
 * Host reset, tokens and the shared classes. Every shadow-DOM widget puts it first:
 * `static styles = [themeStyles, styles]`.
 *
 * Shared classes: `.strefa-button` (+ `--secondary`, `--danger`, `--link`), `.strefa-field`
 * (label above its control; `.strefa-field__hint`, `.strefa-field__error`), `.strefa-input`,
 * `.strefa-select`, `.strefa-form-row` (fields and buttons in a row that wraps), `.strefa-table`
 * (cells need `data-label` for the phone layout), `.strefa-alert` (+ `--error`, `--success`,
 * `--info`; give it `role="alert"` or `role="status"`), `.strefa-heading`, `.strefa-muted`,
 * `.strefa-amount` (tabular, right-aligned numbers), `.visually-hidden`, `.strefa-stack`.
 */
export const themeStyles = css`
  :host {
    /* The host page's CSS stops here: nothing it sets on the element (or inherits into it) but
       our custom properties gets in. */
    all: initial;
    ${tokenDeclarations}
    box-sizing: border-box;
    background: var(--_surface);
    -webkit-text-size-adjust: 100%;
    text-size-adjust: 100%;
  }
  /* A page rule that matches the element itself ("* { all: unset }", "div * { font-size: 40px }")
     beats a :host rule of normal importance, but an !important :host rule beats the page. So what
     everything inside inherits (font, colour, spacing of text) and what makes the layout work (a
     block that is a size container) is !important; the page hides a widget with "hidden". */
  :host {
    display: block !important;
    container: strefa / inline-size !important;
    font-family: var(--_font) !important;
    font-size: var(--_font-size) !important;
    font-weight: 400 !important;
    font-style: normal !important;
    line-height: 1.5 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    color: var(--_text) !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    text-shadow: none !important;
    white-space: normal !important;
    visibility: visible !important;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }

  .strefa-heading {
    margin: 0 0 calc(var(--_space) * 0.75);
    font-size: 1.25em;
    line-height: 1.25;
    font-weight: 700;
  }
  .strefa-muted {
    color: var(--_muted);
  }
  .strefa-stack > * + * {
    margin-block-start: var(--_space);
  }
  .strefa-amount {
    font-variant-numeric: tabular-nums;
    text-align: end;
    white-space: nowrap;
  }

  a {
    color: var(--_primary);
  }

  /* Buttons: at least 44 px high (a finger's width), text never below 1em. */
  .strefa-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 2.75em;
    min-width: 2.75em;
    padding: 0.5em 1.1em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    text-align: center;
    text-decoration: none;
    cursor: pointer;
  }
  .strefa-button:hover {
    filter: brightness(0.92);
  }
  .strefa-button--secondary {
    background: var(--_surface);
    color: var(--_primary);
  }
  .strefa-button--danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #ffffff;
  }
  .strefa-button--link {
    min-height: auto;
    min-width: auto;
    padding: 0.15em 0.2em;
    border-color: transparent;
    background: transparent;
    color: var(--_primary);
    text-decoration: underline;
  }
  .strefa-button[disabled],
  .strefa-button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.7;
  }

  /* Fields: always a visible label above the control. */
  .strefa-field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    min-width: 0;
  }
  .strefa-field > label,
  .strefa-label {
    font-weight: 600;
  }
  .strefa-field__hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .strefa-field__error {
    color: var(--_danger);
    font-weight: 600;
  }
  .strefa-input,
  .strefa-select {
    min-height: 2.75em;
    width: 100%;
    padding: 0.45em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  .strefa-input[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  .strefa-form-row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: calc(var(--_space) * 0.75);
  }
  .strefa-form-row > .strefa-field {
    flex: 1 1 12em;
  }

  /* Keyboard focus: a ring of 3:1 contrast, only when the keyboard moved it. */
  :focus {
    outline: none;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }

  /* Alerts: colour is never the only signal; the text says what happened. */
  .strefa-alert {
    padding: 0.75em 1em;
    border: 1px solid var(--_border);
    border-inline-start-width: 6px;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .strefa-alert:empty {
    display: none;
  }
  .strefa-alert--error {
    border-color: var(--_danger);
  }
  .strefa-alert--success {
    border-color: var(--_success);
  }
  .strefa-alert--info {
    border-color: var(--_primary);
  }

  /* The short note a widget shows instead of a second login form on the page (login-prompt.ts). */
  .strefa-login-pointer {
    margin: 0;
    padding: 0.75em 1em;
    border: 1px solid var(--_primary);
    border-inline-start-width: 6px;
    border-radius: var(--_radius);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  .strefa-login-pointer p {
    margin: 0;
    flex: 1 1 14em;
  }

  /* Tables: a table on wide screens, one card per row under 600 px (the widget's own width). */
  .strefa-table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .strefa-table caption {
    text-align: start;
    font-weight: 700;
    padding-block-end: 0.5em;
  }
  .strefa-table th,
  .strefa-table td {
    padding: 0.5em 0.6em;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  .strefa-table thead th {
    border-bottom-width: 2px;
  }
  .strefa-table tfoot th,
  .strefa-table tfoot td {
    font-weight: 700;
    border-bottom: none;
  }
  @container strefa (max-width: 600px) {
    .strefa-table,
    .strefa-table tbody,
    .strefa-table tfoot,
    .strefa-table tr,
    .strefa-table th,
    .strefa-table td {
      display: block;
      width: 100%;
    }
    /* A caption left as table-caption inside a block "table" gets an anonymous table of its own,
       as narrow as its longest word: one word per line in a 70 px column. */
    .strefa-table caption {
      display: block;
      width: 100%;
      box-sizing: border-box;
    }
    .strefa-table thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .strefa-table tr {
      margin-block-end: 0.75em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.25em 0;
    }
    .strefa-table td,
    .strefa-table tbody th,
    .strefa-table tfoot th {
      display: flex;
      justify-content: space-between;
      gap: 1em;
      border-bottom: none;
      text-align: end;
    }
    .strefa-table td[data-label]::before,
    .strefa-table th[data-label]::before {
      content: attr(data-label);
      font-weight: 600;
      text-align: start;
      color: var(--_muted);
    }
  }

  @media print {
    :host {
      color: #000000;
      background: #ffffff;
    }
    .strefa-button {
      display: none;
    }
  }

  @media (forced-colors: active) {
    .strefa-button {
      border: 2px solid ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
