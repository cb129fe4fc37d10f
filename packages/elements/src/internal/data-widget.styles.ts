/**
 * What the five data widgets share beyond the theme: the parameter form, the loading / empty /
 * error states, balance words, and the print layout (data only: no form, no buttons).
 */
import { css } from 'lit';

export const dataWidgetStyles = css`
  /* The host's own reset (themeStyles) loses to a page rule with !important on the element
     (e.g. "* { all: unset !important }"), and the page cannot reach inside: so the wrapper
     sets the text and is the container the phone layout measures, whatever the host got. */
  .root {
    display: block;
    container: strefa / inline-size;
    font-family: var(--_font);
    font-size: var(--_font-size);
    font-weight: 400;
    font-style: normal;
    line-height: 1.5;
    letter-spacing: normal;
    color: var(--_text);
    text-align: start;
    text-transform: none;
  }
  .widget > * + * {
    margin-block-start: var(--_space);
  }
  .heading {
    margin: 0;
    font-size: 1.35em;
    line-height: 1.25;
    font-weight: 700;
  }
  .widget > .as-of {
    margin-block-start: 0.25em;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .stale {
    padding: calc(var(--_space) * 0.5);
    border-inline-start: 4px solid var(--_danger);
    background: var(--_surface);
  }
  .filters {
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .filters .strefa-field {
    flex: 0 1 14em;
  }
  .content > * + * {
    margin-block-start: var(--_space);
  }
  .state {
    margin: 0;
    padding: 0.75em 1em;
    border: 1px solid var(--_border);
    border-inline-start-width: 6px;
    border-radius: var(--_radius);
  }
  .state.error {
    border-color: var(--_danger);
  }
  .state.error p {
    margin: 0 0 0.5em;
  }
  .loading {
    display: flex;
    align-items: center;
    gap: 0.6em;
    border-color: var(--_primary);
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 3px solid var(--_border);
    border-top-color: var(--_primary);
    border-radius: 50%;
    animation: strefa-spin 0.9s linear infinite;
  }
  @keyframes strefa-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  .num,
  .strefa-table .num {
    font-variant-numeric: tabular-nums;
    text-align: end;
    white-space: nowrap;
  }
  .strefa-table tbody th {
    font-weight: 600;
  }
  .arrears {
    color: var(--_danger);
    font-weight: 600;
  }
  .overpayment {
    color: var(--_success);
    font-weight: 600;
  }
  .note {
    color: var(--_muted);
    font-size: 0.95em;
  }
  .table-wrap {
    overflow-x: auto;
  }
  @container strefa (max-width: 600px) {
    .table-wrap {
      overflow-x: visible;
    }
    .strefa-table .num {
      white-space: normal;
    }
  }

  @media print {
    .filters,
    button,
    .strefa-button,
    .spinner {
      display: none !important;
    }
    .table-wrap {
      overflow: visible;
    }
    .strefa-table th,
    .strefa-table td {
      border-color: #000000;
    }
  }
`;
