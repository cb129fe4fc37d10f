/**
 * Strefa's events, named under one prefix and typed once. A host page listens with
 * `el.addEventListener('strefa-login', (e) => e.detail.user)` and gets the detail's type.
 */
import type { SessionUser } from '@strefa/api-types';

export type StrefaLoginEvent = CustomEvent<{ user: SessionUser }>;
/** `elsewhere`: the resident logged out in another tab (sent on `document`, see session-tabs.ts). */
export type StrefaLogoutEvent = CustomEvent<{ elsewhere?: true }>;
export type StrefaSessionExpiredEvent = CustomEvent<Record<string, never>>;
export type StrefaUnitChangeEvent = CustomEvent<{ unitId: number }>;
export type StrefaPasswordChangedEvent = CustomEvent<{ user: SessionUser }>;

declare module './strefa-element.ts' {
  interface StrefaEventMap {
    'strefa-login': StrefaLoginEvent;
    'strefa-logout': StrefaLogoutEvent;
    'strefa-session-expired': StrefaSessionExpiredEvent;
    'strefa-unit-change': StrefaUnitChangeEvent;
    'strefa-password-changed': StrefaPasswordChangedEvent;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'strefa-login': StrefaLoginEvent;
    'strefa-logout': StrefaLogoutEvent;
    'strefa-session-expired': StrefaSessionExpiredEvent;
    'strefa-unit-change': StrefaUnitChangeEvent;
    'strefa-password-changed': StrefaPasswordChangedEvent;
  }
}
