/**
 * The charts' look (charts.ts draws them), in the widgets that have one. Colours come from the
 * theme (primary on surface passes 3:1 for graphics; text passes 4.5:1), and the series also
 * differ by pattern, so a greyscale print tells them apart.
 */
import { css } from 'lit';

export const chartStyles = css`
  .chart {
    margin: 0;
    max-width: 40em;
  }
  .chart-title {
    font-weight: 600;
  }
  .chart-summary {
    margin: 0;
  }
  .chart-legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
    margin: 0.25em 0;
    padding: 0;
    list-style: none;
    font-size: 0.95em;
  }
  .chart-legend li {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  .chart-svg {
    display: block;
    overflow: visible;
    font-size: 0.9em;
  }
  .chart-svg text {
    fill: var(--_text);
  }
  .chart-svg .tick,
  .chart-svg .grid-label {
    fill: var(--_muted);
  }
  .fill-surface {
    fill: var(--_surface);
  }
  .fill-primary {
    fill: var(--_primary);
  }
  .fill-text {
    fill: var(--_text);
  }
  .bar {
    stroke: var(--_primary);
    stroke-width: 1.5;
  }
  .bar-solid {
    fill: var(--_primary);
  }
  .bar-dotted {
    stroke: var(--_text);
  }
  .grid {
    stroke: var(--_border);
    stroke-dasharray: 3 3;
  }
  .line {
    stroke: var(--_primary);
    stroke-width: 2.5;
  }
  .marker {
    fill: var(--_primary);
    stroke: var(--_primary);
    stroke-width: 2;
  }
  .point.changed .marker {
    fill: var(--_surface);
    stroke-width: 3;
  }
  .point.active .marker {
    stroke: var(--_text);
  }
  .focus-ring {
    fill: none;
    stroke: none;
  }
  .datum {
    outline: none;
  }
  .datum:focus-visible .focus-ring {
    stroke: var(--_focus);
    stroke-width: 3;
  }
  .chart-readout {
    min-height: 3em;
    margin: 0.25em 0 0;
  }
  .chart-data summary {
    cursor: pointer;
    color: var(--_primary);
  }
  .chart-data[open] summary {
    margin-block-end: 0.5em;
  }
  /* A phone: every other month label, so that they do not run into each other. */
  @container strefa (max-width: 480px) {
    .chart-svg .tick.minor {
      display: none;
    }
  }
  @media print {
    .chart-data > summary {
      display: none;
    }
  }
`;
