/**
 * Loads a widget's chart on demand: the widget creates a `ChartLoader` with a dynamic import of
 * its chart module (`./media-readings.chart.ts`…), which the build puts into chunks of their own
 * with the SVG templates (charts.ts) and the charts' styles, so a page without a chart never
 * downloads them and the widgets' first load does not grow with them. On the first connect it
 * imports the module, adds the module's `styles` to the widget's shadow root, and re-renders.
 * Until then (and if the import fails: an old deployment's chunk gone) the widget shows its
 * tables, which hold the same data.
 */
import type { CSSResult, ReactiveController, ReactiveElement } from 'lit';

/** What a chart module exports besides its render function. */
export interface ChartModule {
  styles: CSSResult;
}

export class ChartLoader<M extends ChartModule> implements ReactiveController {
  /** The module once loaded; null before. */
  module: M | null = null;
  private loading = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly load: () => Promise<M>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.module || this.loading) return;
    this.loading = true;
    this.load().then(
      (module) => {
        this.adopt(module.styles);
        this.module = module;
        this.host.requestUpdate();
      },
      () => {
        this.loading = false;
      },
    );
  }

  /** Adds the chart's styles after the widget's own (static `styles` cannot wait for a chunk). */
  private adopt(styles: CSSResult): void {
    const root = this.host.renderRoot;
    const sheet = styles.styleSheet;
    if (root instanceof ShadowRoot && sheet) {
      if (!root.adoptedStyleSheets.includes(sheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } else {
      const style = document.createElement('style');
      style.textContent = styles.cssText;
      root.appendChild(style);
    }
  }
}
