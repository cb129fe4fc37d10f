import { css } from 'lit';

export const styles = css`
  .details {
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .details > * + * {
    margin-block-start: calc(var(--_space) * 0.75);
  }
  .details-heading {
    margin: 0;
    font-size: 1.15em;
  }
  .details-heading:focus {
    outline: none;
  }
  .details-heading:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .status {
    white-space: nowrap;
  }
  .history > * + * {
    margin-block-start: calc(var(--_space) * 0.75);
  }
  .history h4 {
    margin: var(--_space) 0 0.25em;
  }
  .history-note {
    color: var(--_muted);
  }
  .strip {
    display: block;
    width: 100%;
    max-width: 30em;
    height: 3em;
  }
  .strip .axis {
    stroke: var(--_border);
    stroke-width: 0.5;
  }
  .bar {
    fill: var(--_success);
  }
  .bar.unpaid {
    fill: var(--_danger);
  }
  .bar.partial {
    fill: var(--_primary);
  }
  .month-status.unpaid {
    color: var(--_danger);
    font-weight: 600;
  }
  .month-status.overpaid {
    color: var(--_success);
  }
  .month-document-list {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  @container strefa (max-width: 600px) {
    .status {
      white-space: normal;
    }
  }
  @media print {
    .details {
      border: none;
      padding: 0;
    }
  }
`;
