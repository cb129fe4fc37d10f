/**
 * Styles of `<resident-login>`. The element renders in LIGHT DOM (password managers only see
 * forms there), so these rules are adopted into its document or shadow root rather than living
 * in a shadow root. Two promises follow from that:
 *
 * - nothing leaks into the page: every selector starts with `resident-login.strefa-login` and
 *   only our `strefa-login__*` classes are styled;
 * - the page cannot break the form: every selector also carries `:not(#_)`, which weighs like an
 *   id, so ordinary theme rules (`#content input`, `.entry button`, `* { all: unset }`) lose to
 *   ours; `all: revert` first brings each inner element back to the browser's defaults before our
 *   rules apply. Only `!important` rules of the page could still win.
 */
import { css, unsafeCSS } from 'lit';
import { tokenDeclarations } from '../internal/theme-tokens.ts';

/** The scope every rule starts with (see above for why it is so heavy). */
const S = unsafeCSS('resident-login.strefa-login:not(#_)');

export const residentLoginStyles = css`
  ${S}, ${S} * {
    all: revert;
  }
  ${S} *,
  ${S} *::before,
  ${S} *::after {
    box-sizing: border-box;
  }
  ${S} {
    ${tokenDeclarations}
    display: block;
    box-sizing: border-box;
    max-width: 32em;
    font-family: var(--_font);
    font-size: var(--_font-size);
    font-weight: 400;
    font-style: normal;
    line-height: 1.5;
    letter-spacing: normal;
    text-align: start;
    text-transform: none;
    color: var(--_text);
    background: var(--_surface);
  }
  ${S}[hidden] {
    display: none;
  }
  ${S} [hidden] {
    display: none;
  }
  ${S} .strefa-login__box {
    display: block;
    padding: calc(var(--_space) * 1.25);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  ${S} .strefa-login__heading {
    display: block;
    margin: 0 0 calc(var(--_space) * 0.75);
    font-size: 1.3em;
    font-weight: 700;
    line-height: 1.25;
  }
  ${S} .strefa-login__text,
  ${S} .strefa-login__hint {
    display: block;
    margin: 0 0 var(--_space);
  }
  ${S} .strefa-login__hint {
    color: var(--_muted);
    font-size: 0.92em;
  }
  ${S} .strefa-login__step {
    display: block;
  }
  ${S} .strefa-login__form {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    margin: 0;
  }
  ${S} .strefa-login__field {
    display: flex;
    flex-direction: column;
    gap: 0.3em;
    min-width: 0;
  }
  ${S} .strefa-login__label {
    display: block;
    font-weight: 600;
    color: var(--_text);
  }
  ${S} .strefa-login__control {
    display: flex;
    gap: 0.5em;
    align-items: stretch;
    flex-wrap: wrap;
  }
  ${S} .strefa-login__input {
    display: block;
    flex: none;
    min-width: 0;
    width: 100%;
    min-height: 2.75em;
    margin: 0;
    padding: 0.45em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  ${S} .strefa-login__control .strefa-login__input {
    flex: 1 1 12em;
    width: auto;
  }
  ${S} .strefa-login__input[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  ${S} .strefa-login__button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75em;
    min-width: 2.75em;
    margin: 0;
    padding: 0.5em 1.1em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    cursor: pointer;
  }
  ${S} .strefa-login__button:hover {
    filter: brightness(0.92);
  }
  ${S} .strefa-login__button--secondary {
    background: var(--_surface);
    color: var(--_primary);
  }
  ${S} .strefa-login__button[aria-pressed='true'] {
    background: var(--_text);
    border-color: var(--_text);
    color: var(--_surface);
  }
  ${S} .strefa-login__button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  ${S} .strefa-login__actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    align-items: center;
  }
  ${S} :focus {
    outline: none;
  }
  ${S} :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  ${S} .strefa-login__message {
    display: block;
    margin: 0;
    padding: 0.75em 1em;
    border: 1px solid var(--_danger);
    border-inline-start-width: 6px;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  /* Empty: no box, but still in the accessibility tree, so what appears in it is announced. */
  ${S} .strefa-login__message--empty {
    padding: 0;
    border: 0;
  }
  ${S} .strefa-login__message--info {
    border-color: var(--_primary);
  }
  ${S} .strefa-login__message--success {
    border-color: var(--_success);
  }
  ${S} .strefa-login__message ul,
  ${S} .strefa-login__rules {
    margin: 0.35em 0 0;
    padding-inline-start: 1.3em;
  }
  ${S} .strefa-login__rules {
    list-style: none;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.2em;
  }
  ${S} .strefa-login__rule {
    display: flex;
    gap: 0.5em;
    align-items: baseline;
  }
  ${S} .strefa-login__rule-mark {
    display: inline-block;
    width: 1.2em;
    font-weight: 700;
    text-align: center;
  }
  ${S} .strefa-login__rule--ok .strefa-login__rule-mark {
    color: var(--_success);
  }
  ${S} .strefa-login__rule--bad .strefa-login__rule-mark {
    color: var(--_danger);
  }
  ${S} .strefa-login__strength {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  ${S} .strefa-login__meter {
    display: inline-block;
    flex: 1 1 8em;
    min-width: 6em;
    height: 1em;
  }
  ${S} .strefa-login__user {
    display: block;
    margin: 0 0 var(--_space);
    overflow-wrap: anywhere;
  }
  ${S} .strefa-login__visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    ${S} .strefa-login__button {
      border: 2px solid ButtonText;
    }
    ${S} :focus-visible {
      outline-color: Highlight;
    }
  }
`;
