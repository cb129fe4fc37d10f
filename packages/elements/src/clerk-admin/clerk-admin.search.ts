/**
 * The search form of `<clerk-admin>`: one field, its hint and its error.
 */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

/** The search needs this many characters, as the API does. */
export const MIN_QUERY = 2;
/** The API refuses longer text; the form says so before asking. */
export const MAX_QUERY = 100;

export interface SearchFormProps {
  queryError: string;
  onSubmit: (event: SubmitEvent) => void;
}

export function renderSearchForm({ queryError, onSubmit }: SearchFormProps): TemplateResult {
  return html`
    <form
      role="search"
      part="search"
      novalidate
      @submit=${onSubmit}
      aria-label=${msg('Wyszukiwanie mieszkańców')}
    >
      <div class="strefa-form-row">
        <div class="strefa-field">
          <label for="q">${msg('Szukaj mieszkańca')}</label>
          <input
            id="q"
            name="q"
            type="search"
            class="strefa-input"
            autocomplete="off"
            spellcheck="false"
            required
            minlength=${MIN_QUERY}
            aria-invalid=${queryError ? 'true' : 'false'}
            aria-describedby="q-hint q-error"
          />
        </div>
        <button type="submit" class="strefa-button">${msg('Szukaj')}</button>
      </div>
      <p id="q-hint" class="strefa-field__hint admin__hint">
        ${msg(
          'Nazwisko (polskie znaki niekonieczne), adres („Zamkowa 4 m. 12”), nr członkowski lub identyfikator; min. 2 znaki.',
        )}
      </p>
      <p id="q-error" class="strefa-field__error admin__hint">${queryError}</p>
    </form>
  `;
}
