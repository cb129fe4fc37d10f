import { css } from 'lit';

export const styles = css`
  .portal {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em var(--_space);
    padding-block-end: calc(var(--_space) * 0.75);
    border-bottom: 2px solid var(--_primary);
  }
  .brand {
    margin: 0;
    font-size: 1.5em;
    line-height: 1.2;
    font-weight: 700;
  }
  .user {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
    margin-inline-start: auto;
  }
  .user-name {
    font-weight: 600;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(12em, max-content) minmax(0, 1fr);
    gap: calc(var(--_space) * 1.5);
    align-items: start;
  }
  .tabs {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    margin: 0;
    padding: 0;
  }
  .tab {
    display: block;
    width: 100%;
    min-height: 2.75em;
    padding: 0.6em 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .tab:hover {
    box-shadow: inset 4px 0 0 var(--_border);
  }
  /* The open tab: colour, a bar and bold text, so it never depends on colour alone. */
  .tab[aria-selected='true'] {
    border-color: var(--_primary);
    box-shadow: inset 6px 0 0 var(--_primary);
    color: var(--_primary);
    font-weight: 700;
  }
  @media (forced-colors: active) {
    .tab[aria-selected='true'] {
      border-width: 3px;
    }
  }
  .main {
    min-width: 0;
  }
  .main > * + * {
    margin-block-start: var(--_space);
  }
  .unit-switcher {
    max-width: 40em;
  }
  .back {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }
  .panel:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 4px;
  }
  .logout-error {
    flex-basis: 100%;
  }

  /*
   * On a phone the tabs wrap into rows above the content: every tab whole and in view (a row
   * that scrolled sideways cut "Księ…" at 360 px, with nothing to say there was more).
   */
  @container strefa (max-width: 600px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
    .tabs {
      flex-direction: row;
      flex-wrap: wrap;
      padding-block-end: 0.25em;
    }
    .tab {
      flex: 1 1 auto;
      width: auto;
      white-space: nowrap;
      text-align: center;
    }
    .tab:hover {
      box-shadow: inset 0 -4px 0 var(--_border);
    }
    .tab[aria-selected='true'] {
      box-shadow: inset 0 -6px 0 var(--_primary);
    }
  }

  @media print {
    .back,
    .tabs,
    .user button,
    .unit-switcher {
      display: none !important;
    }
    .layout {
      display: block;
    }
  }
  /* The yearly statement below the panel. */
  .statement {
    margin-block-start: var(--_space);
    padding-block-start: calc(var(--_space) * 0.75);
    border-top: 1px solid var(--_border);
  }
  .statement-heading {
    margin: 0 0 0.5em;
    font-size: 1.1em;
  }
  .statement .strefa-form-row {
    align-items: end;
  }
  @media print {
    .statement {
      display: none;
    }
  }
`;
