import { css } from 'lit';

export const styles = css`
  .result {
    white-space: nowrap;
  }
  @container strefa (max-width: 600px) {
    .result {
      white-space: normal;
    }
  }
`;
