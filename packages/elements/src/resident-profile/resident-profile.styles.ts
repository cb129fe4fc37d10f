import { css } from 'lit';

export const styles = css`
  .person,
  .assignment {
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .assignments {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  h3 {
    margin: 0 0 0.5em;
    font-size: 1.15em;
    line-height: 1.3;
  }
  h4 {
    margin: 0 0 0.5em;
    font-size: 1.05em;
    line-height: 1.3;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(9em, max-content) 1fr;
    gap: 0.35em 1em;
    margin: 0;
  }
  dt {
    font-weight: 600;
    color: var(--_muted);
  }
  dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .nrb {
    font-variant-numeric: tabular-nums;
    font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
    letter-spacing: 0.02em;
    white-space: nowrap;
  }
  .no-account {
    margin: 0;
  }
  .copy-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  .copy-status {
    flex-basis: 100%;
    margin: 0;
    font-weight: 600;
  }
  .copy-status.ok {
    color: var(--_success);
  }
  .copy-status.failed {
    color: var(--_danger);
  }
  .ended {
    color: var(--_muted);
  }
  .logins {
    margin-top: calc(var(--_space) * 1.5);
  }
  .logins-table .ip {
    overflow-wrap: anywhere;
  }
  .login-failed .result {
    color: var(--_danger);
    font-weight: 600;
  }
  @container strefa (max-width: 600px) {
    dl {
      grid-template-columns: 1fr;
      gap: 0.1em;
    }
    dd + dt {
      margin-top: 0.5em;
    }
    .nrb {
      white-space: normal;
    }
  }
  @media print {
    .copy-status {
      display: none;
    }
  }
`;
