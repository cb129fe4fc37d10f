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
