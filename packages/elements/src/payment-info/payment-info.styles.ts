import { css } from 'lit';

export const styles = css`
  .amount {
    padding: var(--_space);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  .amount p {
    margin: 0;
  }
  .amount .big {
    font-size: 2.25em;
    font-weight: 700;
    line-height: 1.15;
  }
  .amount .due {
    font-size: 1.25em;
    font-weight: 600;
  }
  .amount.overdue {
    border-color: var(--_danger);
  }
  .amount.overdue .due {
    color: var(--_danger);
  }
  .amount.settled .big {
    color: var(--_success);
  }
  .amount .note {
    margin-block-start: 0.5em;
    color: var(--_muted);
  }
  .pay {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: flex-start;
  }
  .transfer {
    flex: 1 1 20em;
  }
  .transfer h3 {
    margin: 0 0 0.5em;
    font-size: 1.1em;
  }
  dl {
    margin: 0;
  }
  dt {
    color: var(--_muted);
    font-size: 0.9em;
  }
  dd {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
    margin: 0 0 0.6em;
  }
  .value {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .value.account {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
  .copy {
    padding-block: 0.2em;
    font-size: 0.9em;
  }
  .copy-status {
    min-height: 1.5em;
    margin: 0;
    font-weight: 600;
  }
  .copy-status.ok {
    color: var(--_success);
  }
  .copy-status.failed {
    color: var(--_danger);
  }
  .qr {
    flex: 0 1 15em;
    margin: 0;
    text-align: center;
  }
  .qr-box {
    display: block;
    width: 100%;
    max-width: 15em;
    aspect-ratio: 1;
    margin-inline: auto;
    background: #fff;
  }
  .qr figcaption {
    margin-block-start: 0.5em;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .problem {
    padding: calc(var(--_space) * 0.75);
    border-inline-start: 4px solid var(--_danger);
  }
  /* A phone: the code takes the whole width (about 8 cm on a 360 px screen), which another
     phone's camera reads from 20–30 cm; the transfer data follow under it. */
  @container strefa (max-width: 480px) {
    .pay {
      flex-direction: column-reverse;
    }
    .qr {
      flex-basis: auto;
      width: 100%;
    }
    .qr-box {
      max-width: 100%;
    }
    .amount .big {
      font-size: 2em;
    }
  }
  /* On paper: the amount, the transfer data and a 5 cm code; no buttons. */
  @media print {
    .copy,
    .copy-status {
      display: none;
    }
    .qr-box {
      width: 5cm;
      max-width: 5cm;
    }
    .amount {
      border-width: 1px;
    }
  }
`;
