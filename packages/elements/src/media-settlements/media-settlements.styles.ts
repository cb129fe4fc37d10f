import { css } from 'lit';

export const styles = css`
  .list-heading {
    margin: 0;
    font-size: 1.1em;
  }
  .settlements {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .settlement {
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    break-inside: avoid;
  }
  .settlement-name {
    margin: 0 0 0.5em;
    font-size: 1.05em;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10.5em, 1fr));
    gap: 0.5em 1em;
    margin: 0;
  }
  .facts dt {
    color: var(--_muted);
    font-size: 0.9em;
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  .result {
    margin: 0.75em 0 0;
    padding-top: 0.5em;
    border-top: 1px solid var(--_border);
    font-size: 1.1em;
  }
  @container strefa (max-width: 600px) {
    .facts {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  @container strefa (max-width: 340px) {
    .facts {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
