import { css } from 'lit';

export const styles = css`
  .kind {
    white-space: nowrap;
  }
`;
