/**
 * The base of every Strefa element: a typed `emit()` (bubbling and composed, so the host page
 * hears it through shadow roots), the `api-base` and `lang` attributes, the shared API client,
 * re-rendering on a change of language, and the login prompt that data widgets show without a
 * session.
 */
import { html, LitElement, type TemplateResult } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';
import { property } from 'lit/decorators.js';
import { ApiClient, resolveApiBase } from './api-client.ts';
import { inheritedLang, requestLocale } from './localization.ts';
import './events.ts';

export class StrefaElement extends LitElement {
  /** Origin (and path) of the BFF when it is not the page's own, e.g. `https://bom.psm.pl`. */
  @property({ attribute: 'api-base', reflect: true }) apiBase = '';

  private clientCache?: { base: string; client: ApiClient };
  /**
   * What the last renderLoginPrompt() rendered: the form itself, or a pointer to the page's one
   * login form elsewhere (see login-prompt.ts).
   */
  protected loginPromptKind: 'form' | 'pointer' | null = null;
  private langObserver?: MutationObserver;

  constructor() {
    super();
    // Every Strefa element re-renders when the page's language changes; `@localized()` on a
    // subclass is therefore optional (and harmless).
    updateWhenLocaleChanges(this);
  }

  /** The API client for this element's `api-base` (or the page's meta tag). */
  get api(): ApiClient {
    const base = resolveApiBase(this.apiBase);
    if (this.clientCache?.base !== base) this.clientCache = { base, client: this.createClient(base) };
    return this.clientCache.client;
  }

  /**
   * The client for `base`: the session's calls only here; widgets that show data return a
   * `ResourceClient` (resource-client.ts) and narrow `api` to it.
   */
  protected createClient(base: string): ApiClient {
    return new ApiClient(base);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.localName === 'resident-login') loginPrompts?.placesChanged();
    this.followLang();
    // `lang` is a global HTML attribute, so it is watched rather than declared as a Lit property:
    // the element's own attribute, and the page's `<html lang>` (a CMS may switch it).
    this.langObserver = new MutationObserver(() => this.followLang());
    this.langObserver.observe(this, { attributes: true, attributeFilter: ['lang'] });
    const root = globalThis.document?.documentElement;
    if (root) this.langObserver.observe(root, { attributes: true, attributeFilter: ['lang'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.localName === 'resident-login') loginPrompts?.placesChanged();
    this.langObserver?.disconnect();
    this.langObserver = undefined;
    void requestLocale(this, null, null);
  }

  private followLang(): void {
    void requestLocale(this, this.getAttribute('lang'), inheritedLang(this));
  }

  /** Dispatches a typed Strefa event that bubbles out of shadow roots. */
  emit<K extends keyof StrefaEventMap>(
    name: K,
    detail: StrefaEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: EventInit = {},
  ): boolean {
    return this.dispatchEvent(strefaEvent(name, detail, options));
  }

  /**
   * The login prompt of a shadow-DOM widget without a (usable) session: makes sure a
   * `<resident-login slot="login">` exists in the widget's LIGHT DOM (so password managers see its
   * form) and returns the `<slot name="login">` that shows it. The login element must be defined:
   * the widget's entry file imports `../resident-login/resident-login.ts`. Once the session is
   * ready the widget simply stops rendering the slot; the child stays for the next logout.
   * `headingLevel`: the login box's heading level (2 when omitted).
   */
  protected renderLoginPrompt(headingLevel?: number): TemplateResult {
    // One login form per page (login-prompt.ts, loaded by the widgets that show prompts, so that
    // <resident-login> alone stays small): a pointer to the page's form, or the form here.
    const pointer = loginPrompts?.pointerFor(this);
    if (pointer) {
      this.loginPromptKind = 'pointer';
      return pointer;
    }
    this.loginPromptKind = 'form';
    if (!this.querySelector(':scope > resident-login[slot="login"]')) {
      const login = document.createElement('resident-login');
      login.setAttribute('slot', 'login');
      if (this.apiBase) login.setAttribute('api-base', this.apiBase);
      // Under the widget's own heading the login's heading is one level down.
      if (headingLevel) login.setAttribute('heading-level', String(headingLevel));
      this.append(login);
    }
    return html`<slot name="login"></slot>`;
  }
}

/**
 * A Strefa event: bubbling and composed by default. Outside the class so that the elements
 * manifest does not list `emit`'s parameter as an event of every element.
 */
function strefaEvent(name: string, detail: unknown, options: EventInit): CustomEvent {
  return new CustomEvent(name, { bubbles: true, composed: true, cancelable: false, ...options, detail });
}

/** What login-prompt.ts plugs in (see `registerLoginPrompts`). */
export interface LoginPrompts {
  /** The pointer to the page's one login form, or null when `element` shows the form itself. */
  pointerFor(element: StrefaElement): TemplateResult | null;
  /** A `<resident-login>` appeared on or left the page. */
  placesChanged(): void;
}

let loginPrompts: LoginPrompts | null = null;

/** Called once by login-prompt.ts: from then on, a page shows one login form. */
export function registerLoginPrompts(prompts: LoginPrompts): void {
  loginPrompts = prompts;
}

/**
 * Every Strefa event, typed once. Elements add theirs by merging into this interface and
 * `GlobalEventHandlersEventMap` (see events.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StrefaEventMap {}
