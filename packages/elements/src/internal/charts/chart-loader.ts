/**
 * Loads the charts' templates (charts.ts) on demand: a widget that shows a chart creates a
 * `ChartLoader`, which imports the module when the widget first connects and re-renders it once
 * the module is there. Until then (and if the import fails: an old deployment's chunk gone) the
 * widget shows its table alternative only, which holds the same figures.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type ChartsModule = typeof import('./charts.ts');

let loading: Promise<ChartsModule> | null = null;

/** The charts module, imported once per page. */
export function loadCharts(): Promise<ChartsModule> {
  loading ??= import('./charts.ts').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

export class ChartLoader implements ReactiveController {
  /** The module once loaded; null before. */
  charts: ChartsModule | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.charts) return;
    loadCharts().then(
      (charts) => {
        this.charts = charts;
        this.host.requestUpdate();
      },
      () => undefined,
    );
  }
}
