/**
 * One login form per page. Several widgets without a session would each show the same form
 * (the demo's article, a WordPress page with a login block and two data blocks): three identical
 * forms, three "Zaloguj" buttons, password managers confused. So:
 *
 * - a page that holds a `<resident-login>` of its own (placed by the editor, not put into a
 *   widget's `login` slot) keeps that one form; every widget points to it;
 * - otherwise the first widget on the page (in document order) that needs a login shows the form,
 *   and the others point to it.
 *
 * Only boxes the page really shows count: a login in a sidebar the theme hides on a phone leaves
 * the form to the first visible widget (re-decided when the window is resized).
 *
 * Widgets of different BFFs (`api-base`) have different sessions and are counted apart. The
 * registry is the page's: a widget joins when it renders a login prompt, leaves when it renders
 * anything else or leaves the page, and every change re-renders the others so the form moves to
 * the next widget when its owner goes away.
 */
import { resolveApiBase } from './api-client.ts';
import type { StrefaElement } from './strefa-element.ts';

const waiting = new Set<StrefaElement>();
let scheduled = false;

function rerenderWaiting(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    for (const element of waiting) element.requestUpdate();
  });
}

/** `element` renders a login prompt now (idempotent). */
export function joinLoginQueue(element: StrefaElement): void {
  if (waiting.has(element)) return;
  if (waiting.size === 0) globalThis.addEventListener?.('resize', loginPlacesChanged);
  waiting.add(element);
  rerenderWaiting();
}

/** `element` shows something else, or left the page. */
export function leaveLoginQueue(element: StrefaElement): void {
  if (!waiting.delete(element)) return;
  if (waiting.size === 0) globalThis.removeEventListener?.('resize', loginPlacesChanged);
  rerenderWaiting();
}

/** A `<resident-login>` appeared on or left the page: the widgets re-decide. */
export function loginPlacesChanged(): void {
  if (waiting.size) rerenderWaiting();
}

/**
 * Rendered at all: a login box in a sidebar that the theme hides on phones (or a hostile theme
 * hides altogether) cannot be the page's one form.
 */
function shown(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(element) : element.getClientRects().length > 0;
}

/** True when `a` comes before `b` in the document (nodes in other trees: never). */
function precedes(a: Node, b: Node): boolean {
  const position = a.compareDocumentPosition(b);
  if (position & Node.DOCUMENT_POSITION_DISCONNECTED) return false;
  return (position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/** Where the login of `element`'s session is on this page, when not in `element` itself. */
export type LoginPlace = { kind: 'own' } | { kind: 'elsewhere'; target: HTMLElement };

/**
 * Who shows the form for `element`'s session: the page's own `<resident-login>`, the first
 * waiting widget, or `element` itself.
 */
export function loginPlaceFor(element: StrefaElement): LoginPlace {
  const base = element.api.base;
  for (const login of document.querySelectorAll<HTMLElement>('resident-login')) {
    if (login.getAttribute('slot') === 'login') continue;
    if (resolveApiBase(login.getAttribute('api-base')) !== base) continue;
    if (!shown(login)) continue;
    return { kind: 'elsewhere', target: login };
  }
  let first: StrefaElement = element;
  for (const other of waiting) {
    if (
      other !== element &&
      other.isConnected &&
      other.api.base === base &&
      shown(other) &&
      precedes(other, first)
    ) {
      first = other;
    }
  }
  return first === element ? { kind: 'own' } : { kind: 'elsewhere', target: first };
}

/**
 * Brings the form into view and puts the cursor into its identifier field (or, without a form
 * there, e.g. while it explains a blocked cookie, onto the login box itself).
 */
export function goToLogin(target: HTMLElement): void {
  const login: HTMLElement =
    target.localName === 'resident-login'
      ? target
      : (target.querySelector<HTMLElement>(':scope > resident-login[slot="login"]') ?? target);
  login.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const field = login.querySelector<HTMLElement>('input[autocomplete="username"]');
  if (field) field.focus({ preventScroll: true });
  else {
    if (!login.hasAttribute('tabindex')) login.setAttribute('tabindex', '-1');
    login.focus({ preventScroll: true });
  }
}
