/**
 * The panel of newly generated credentials in `<clerk-admin>`: the identifier and the one-time
 * start password (shown only here, only now), its expiry, and "Drukuj list aktywacyjny".
 */
import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { AdminPerson, IssuedCredentials } from '@strefa/api-types';
import type { ClockLang as Lang } from '../internal/warsaw-time.ts';
import { formatDateTime } from '../internal/localization.ts';
import { labelledSelect } from '../internal/labelled-select.ts';

/** Credentials just generated, and for whom. */
export interface Issued {
  person: AdminPerson;
  credentials: IssuedCredentials;
  kind: 'issued' | 'reset';
}

export interface CredentialsProps {
  issued: Issued;
  /** The activation letter's language: Polish unless the resident asks for English. */
  letterLang: Lang;
  onLetterLang: (lang: Lang) => void;
  onPrint: () => void;
  onClose: () => void;
}

export function renderCredentials({
  issued,
  letterLang,
  onLetterLang,
  onPrint,
  onClose,
}: CredentialsProps): TemplateResult {
  const { person, credentials } = issued;
  return html`<section
    class="admin__section credentials"
    part="credentials"
    aria-labelledby="credentials-heading"
  >
    <h3 id="credentials-heading" class="admin__section-heading" tabindex="-1">
      ${
        issued.kind === 'issued'
          ? msg(str`Wydano dostęp: ${person.displayName}`)
          : msg(str`Nowe hasło startowe: ${person.displayName}`)
      }
    </h3>
    <dl class="credentials__data">
      <dt>${msg('Identyfikator')}</dt>
      <dd class="credentials__secret" data-field="login">${credentials.login}</dd>
      <dt>${msg('Hasło startowe')}</dt>
      <dd class="credentials__secret" data-field="password">${credentials.oneTimePassword}</dd>
      <dt>${msg('Ważne do')}</dt>
      <dd data-field="expires">${formatDateTime(credentials.expiresAt)}</dd>
    </dl>
    <p class="strefa-alert strefa-alert--info">
      ${msg(
        'Hasło startowe widać tylko teraz: po zamknięciu tego panelu nie da się go wyświetlić ponownie. Wydrukuj list aktywacyjny albo przekaż hasło mieszkańcowi osobiście. Hasła, które mieszkaniec ustawi przy pierwszym logowaniu, nie poznasz.',
      )}
    </p>
    <div class="admin__actions">
      ${labelledSelect({
        id: 'letter-lang',
        label: msg('Język listu'),
        options: [
          { value: 'pl', label: 'polski' },
          { value: 'en', label: 'English', lang: 'en' },
        ],
        value: letterLang,
        onChange: (value) => onLetterLang(value === 'en' ? 'en' : 'pl'),
        dataField: 'letter-lang',
      })}
      <button type="button" class="strefa-button" data-action="print" @click=${onPrint}>
        ${msg('Drukuj list aktywacyjny')}
      </button>
      <button
        type="button"
        class="strefa-button strefa-button--secondary"
        data-action="close-credentials"
        @click=${onClose}
      >
        ${msg('Zamknij')}
      </button>
    </div>
  </section>`;
}
