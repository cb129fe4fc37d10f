/**
 * What a story file needs, in one place: Storybook's types (re-exported from here so the element
 * folders, which do not depend on Storybook, resolve them through this workspace), the mocked
 * API per state, and `widgetStory()`, which builds a story of one element in one state.
 *
 * Every story gets an `api-base` of its own (see handlers.ts: a fresh session store per story).
 */
import type { StoryContext, StoryObj } from '@storybook/web-components-vite';
import type { HttpHandler } from 'msw';
import { clerkHandlersFor, handlersFor, storyApiBase, type Scenario } from './handlers.ts';

export type { Meta, StoryObj } from '@storybook/web-components-vite';
export { clerkHandlersFor, errorBody, handlersFor, storyApiBase, type Scenario } from './handlers.ts';
export * as mockData from './data.ts';

/** Story globals that show a story at phone width (360 px). */
export const phoneViewport = { viewport: { value: 'phone', isRotated: false } };

export interface WidgetStoryOptions {
  /** Which state the mocked API is in (default `data`). */
  scenario?: Scenario;
  /** Handlers instead of the scenario's (or before them: the first match answers). */
  handlers?: HttpHandler[];
  /** Attributes of the element, e.g. `{ lang: 'en' }`. */
  attributes?: Record<string, string>;
  /** Show at phone width. */
  phone?: boolean;
  /** Light-DOM children (e.g. a `slot="brand"` span), as HTML. */
  children?: string;
  /** A short description shown in the docs. */
  description?: string;
  /** A play function: what a person does after the story renders. */
  play?: StoryObj['play'];
}

/** One element in one state, with its own API base, mocked API and viewport. */
export function widgetStory(tag: string, options: WidgetStoryOptions = {}): StoryObj {
  const scenario = options.scenario ?? 'data';
  const base = tag === 'clerk-admin' ? clerkHandlersFor(scenario) : handlersFor(scenario);
  return {
    render: (args: Record<string, unknown>, context: StoryContext) => {
      const element = document.createElement(tag) as HTMLElement & Record<string, unknown>;
      element.setAttribute('api-base', storyApiBase(context.id));
      for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);
      // The Controls panel (from the elements manifest): CSS custom properties go on the element's
      // style, properties on the element. `apiBase` stays the story's own (see storyApiBase).
      for (const [key, value] of Object.entries(args ?? {})) {
        if (value === undefined || value === null || typeof value === 'object' || typeof value === 'function')
          continue;
        if (key.startsWith('--')) element.style.setProperty(key, String(value));
        else if (key !== 'apiBase' && !key.includes('-') && key in element) element[key] = value;
      }
      if (options.children) element.innerHTML = options.children;
      return element;
    },
    parameters: {
      msw: { handlers: [...(options.handlers ?? []), ...base] },
      ...(options.description ? { docs: { description: { story: options.description } } } : {}),
    },
    ...(options.phone ? { globals: phoneViewport } : {}),
    ...(options.play ? { play: options.play } : {}),
  };
}

/** Fills and submits the login form that a story's element shows (light DOM, so reachable). */
export async function fillLogin(canvasElement: HTMLElement, login: string, password: string): Promise<void> {
  const form = await waitFor(() => canvasElement.querySelector<HTMLFormElement>('resident-login form'));
  const identifier = form.querySelector<HTMLInputElement>('input[autocomplete="username"]')!;
  const secret = form.querySelector<HTMLInputElement>('input[autocomplete="current-password"]')!;
  for (const [input, value] of [
    [identifier, login],
    [secret, password],
  ] as const) {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  form.requestSubmit();
}

/** Waits (up to 5 s) until `find` returns something. */
export async function waitFor<T>(find: () => T | null | undefined, timeoutMs = 5_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error('not found in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Finds an element inside a widget's shadow root (the part name, or a CSS selector). */
export function inShadow<T extends Element = HTMLElement>(
  canvasElement: HTMLElement,
  tag: string,
  selector: string,
): T | null {
  return canvasElement.querySelector(tag)?.shadowRoot?.querySelector<T>(selector) ?? null;
}

/**
 * The states every resident data widget is shown in, one story each (the same nine for
 * `<resident-profile>`, `<rent-components>`, `<ledger-accounts>`, `<media-readings>` and
 * `<media-settlements>`). A story file re-exports them by name (`export const Data: Story =
 * stories.Data;`): Storybook finds stories only among named `export const` declarations.
 */
export function residentWidgetStories(tag: string) {
  return {
    Data: widgetStory(tag, {
      description: 'Dane mieszkańca (demo: mieszkanie 48,6 m² przy ul. Zamkowej i garaż).',
    }),
    Loading: widgetStory(tag, { scenario: 'loading', description: 'Serwer jeszcze nie odpowiedział.' }),
    Empty: widgetStory(tag, { scenario: 'empty', description: 'Brak danych za wybrany okres.' }),
    ServerError: widgetStory(tag, {
      scenario: 'error',
      description: 'Serwer odpowiada 503: komunikat po polsku i „Spróbuj ponownie”.',
    }),
    LoggedOut: widgetStory(tag, {
      scenario: 'anonymous',
      description: 'Nikt nie jest zalogowany: widżet pokazuje `<resident-login>` w slocie `login`.',
    }),
    MustChangePassword: widgetStory(tag, {
      scenario: 'must-change-password',
      description: 'Zalogowano hasłem startowym: najpierw trzeba ustawić własne hasło.',
    }),
    Locked: widgetStory(tag, {
      scenario: 'locked',
      description: 'Logowanie po pięciu błędnych hasłach: konto jest na chwilę zablokowane.',
      play: async ({ canvasElement }) => fillLogin(canvasElement, 'kowalska.a7', 'zle-haslo'),
    }),
    Phone: widgetStory(tag, {
      phone: true,
      description: 'Szerokość telefonu (360 px): tabele stają się kartami.',
    }),
    English: widgetStory(tag, {
      attributes: { lang: 'en' },
      description: '`lang="en"`: ten sam widżet po angielsku.',
    }),
  } satisfies Record<string, StoryObj>;
}
