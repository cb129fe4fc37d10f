/**
 * News of the session between the tabs of one browser. "Wyloguj" in one tab of the cooperative's
 * site takes the resident's data off the screen in every other tab at once, not at that tab's next
 * click (or when it is looked at again after a minute, `SessionStore.recheckAfterMs`): on a shared
 * computer, a second window left open must not keep showing someone's fees and balances after
 * they logged out. A login in one tab likewise shows the data in the others, and a second person's
 * login replaces the first person's view everywhere.
 *
 * One `BroadcastChannel` per BFF. It reaches only the same origin's other tabs and frames, and
 * carries only what happened (`login` or `logout`), never who or any data; nothing is stored in the
 * browser. It is open while widgets listen, and closed while the page sits in the back/forward
 * cache: on the page's return (`pageshow` with `persisted`) the store checks the session again,
 * since anything may have happened meanwhile.
 *
 * The page's own script hears of a logout in another tab as of one here: `strefa-logout` on
 * `document`, with `detail.elsewhere` (no widget of this page did it, so none sends it).
 */

export type TabNews = 'login' | 'logout';

/** The message's one key: another script's messages on a channel of the same name are ignored. */
const KEY = 'strefaSession';

export class SessionTabs {
  private channel: BroadcastChannel | null = null;
  private listening = false;

  /**
   * `heard` takes the news in and says whether it changed what this page shows (a logout while
   * someone was signed in here).
   */
  constructor(
    private readonly name: string,
    private readonly heard: (news: TabNews) => boolean,
    private readonly restored: () => void,
  ) {}

  /** Starts hearing the other tabs (idempotent). Without `BroadcastChannel` nothing happens. */
  open(): void {
    if (this.listening || typeof BroadcastChannel !== 'function') return;
    this.listening = true;
    this.connect();
    globalThis.addEventListener('pagehide', this.onHide);
    globalThis.addEventListener('pageshow', this.onShow);
  }

  close(): void {
    if (!this.listening) return;
    this.listening = false;
    this.disconnect();
    globalThis.removeEventListener('pagehide', this.onHide);
    globalThis.removeEventListener('pageshow', this.onShow);
  }

  /** Tells the other tabs; a page that is not listening (no widgets) tells nobody. */
  tell(news: TabNews): void {
    this.channel?.postMessage({ [KEY]: news });
  }

  private connect(): void {
    const channel = new BroadcastChannel(this.name);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const news = (event.data as Record<string, unknown> | null)?.[KEY];
      if (news !== 'login' && news !== 'logout') return;
      if (this.heard(news) && news === 'logout') {
        document.dispatchEvent(new CustomEvent('strefa-logout', { detail: { elsewhere: true } }));
      }
    };
    this.channel = channel;
  }

  private disconnect(): void {
    this.channel?.close();
    this.channel = null;
  }

  private readonly onHide = (): void => this.disconnect();

  private readonly onShow = (event: PageTransitionEvent): void => {
    if (!event.persisted || this.channel) return;
    this.connect();
    this.restored();
  };
}
