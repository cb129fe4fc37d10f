/**
 * The confirmation of a new start password in `<clerk-admin>`: a modal `<dialog>` whose safe
 * choice ("Anuluj") has the focus.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { AdminPerson } from '@strefa/api-types';

export interface ResetDialogProps {
  /** The person asked about; null while the dialog is closed. */
  person: AdminPerson | null;
  onClose: () => void;
  onConfirm: () => void;
  onCancel: () => void;
}

export function renderResetDialog({
  person,
  onClose,
  onConfirm,
  onCancel,
}: ResetDialogProps): TemplateResult {
  return html`<dialog
    part="dialog"
    aria-labelledby="confirm-heading"
    aria-describedby="confirm-text"
    @close=${onClose}
  >
    <h3 id="confirm-heading" class="admin__section-heading">${msg('Wygenerować nowe hasło startowe?')}</h3>
    <p id="confirm-text">
      ${
        person
          ? msg(
              str`Dla: ${person.displayName} (identyfikator ${person.login}). Dotychczasowe hasło przestanie działać, wszystkie otwarte sesje tej osoby zostaną zakończone, a blokada konta zdjęta. Zrób to tylko po sprawdzeniu dokumentu tożsamości.`,
            )
          : nothing
      }
    </p>
    <div class="dialog__actions">
      <button type="button" class="strefa-button" data-action="confirm-reset" @click=${onConfirm}>
        ${msg('Wygeneruj nowe hasło')}
      </button>
      <button
        type="button"
        class="strefa-button strefa-button--secondary"
        data-action="cancel-reset"
        autofocus
        @click=${onCancel}
      >
        ${msg('Anuluj')}
      </button>
    </div>
  </dialog>`;
}
