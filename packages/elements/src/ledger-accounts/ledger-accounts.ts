/** Registers `<ledger-accounts>` (and `<resident-login>`, which it shows without a session). */
import '../resident-login/resident-login.ts';
import { LedgerAccounts } from './ledger-accounts.component.ts';

export { LedgerAccounts };

if (!customElements.get('ledger-accounts')) customElements.define('ledger-accounts', LedgerAccounts);

declare global {
  interface HTMLElementTagNameMap {
    'ledger-accounts': LedgerAccounts;
  }
}
