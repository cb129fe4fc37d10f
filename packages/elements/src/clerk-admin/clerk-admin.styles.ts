/** Styles of `<clerk-admin>` (after the shared `themeStyles`). */
import { css } from 'lit';

export const clerkAdminStyles = css`
  .admin {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.25);
  }
  .admin > .strefa-heading,
  .admin > p {
    margin: 0;
  }
  .admin__header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: calc(var(--_space) * 0.5) var(--_space);
    padding-bottom: calc(var(--_space) * 0.5);
    border-bottom: 1px solid var(--_border);
  }
  .admin__header .strefa-heading {
    margin: 0;
  }
  .admin__user {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75em;
    margin: 0;
  }
  .admin__section {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .admin__section-heading {
    margin: 0 0 calc(var(--_space) * 0.75);
    font-size: 1.1em;
    line-height: 1.3;
  }
  .admin__section-heading:focus {
    outline: none;
  }
  .admin__section-heading:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .admin__hint {
    margin: 0.25em 0 0;
  }
  .admin__hint:empty {
    display: none;
  }
  .admin__units {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .admin__actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    justify-content: flex-end;
  }
  .admin__status {
    display: inline-block;
    font-weight: 600;
  }
  .admin__status--locked {
    color: var(--_danger);
  }
  .admin__status--active {
    color: var(--_success);
  }
  .admin__status--none,
  .admin__status--pending {
    color: var(--_muted);
  }
  .credentials {
    border: 3px solid var(--_primary);
  }
  .credentials__data {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.4em 1.2em;
    margin: 0 0 var(--_space);
  }
  .credentials__data dt {
    font-weight: 600;
  }
  .credentials__data dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .credentials__secret {
    font-family: ui-monospace, 'DejaVu Sans Mono', 'Liberation Mono', Consolas, monospace;
    font-size: 1.35em;
    font-weight: 700;
    letter-spacing: 0.1em;
  }
  @container strefa (max-width: 420px) {
    .credentials__data {
      grid-template-columns: 1fr;
    }
  }
  dialog {
    max-width: min(32em, calc(100vw - 2em));
    padding: calc(var(--_space) * 1.25);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .dialog__actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    justify-content: flex-end;
    margin-top: var(--_space);
  }
  @media print {
    .admin__header .strefa-button,
    form[role='search'] {
      display: none;
    }
  }
`;
