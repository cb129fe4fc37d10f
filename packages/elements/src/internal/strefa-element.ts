/**
 * The base of every Strefa element: a typed `emit()` (bubbling and composed, so the host page
 * hears it through shadow roots), the `api-base` and `lang` attributes, and the shared API client.
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiClient, resolveApiBase } from './api-client.ts';
import './events.ts';

export class StrefaElement extends LitElement {
  /** Origin (and path) of the BFF when it is not the page's own, e.g. `https://bom.psm.pl`. */
  @property({ attribute: 'api-base', reflect: true }) apiBase = '';

  private clientCache?: { base: string; client: ApiClient };

  /** The API client for this element's `api-base` (or the page's meta tag). */
  get api(): ApiClient {
    const base = resolveApiBase(this.apiBase);
    if (this.clientCache?.base !== base) this.clientCache = { base, client: new ApiClient(base) };
    return this.clientCache.client;
  }

  /** Dispatches a typed Strefa event that bubbles out of shadow roots. */
  emit<K extends keyof StrefaEventMap>(
    name: K,
    detail: StrefaEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: EventInit = {},
  ): boolean {
    return this.dispatchEvent(
      new CustomEvent(name, { bubbles: true, composed: true, cancelable: false, ...options, detail }),
    );
  }
}

/**
 * Every Strefa event, typed once. Elements add theirs by merging into this interface and
 * `GlobalEventHandlersEventMap` (see events.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StrefaEventMap {}
