import { css } from 'lit';

export const styles = css`
  .total th,
  .total td {
    border-top: 2px solid var(--_text);
  }
  .basis {
    white-space: nowrap;
  }
`;
