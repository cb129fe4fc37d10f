/**
 * Every Strefa element, registered: `<script type="module" src="/widgets/strefa.js">` on a page is
 * all a web editor needs. Each element also has an entry of its own (`rent-components.ts`…) for a
 * page that needs only one.
 *
 * `<clerk-admin>` is the exception: it is on the clerks' page only, so strefa.js loads its code
 * when a `<clerk-admin>` is (or comes) into the page, and no resident's page downloads it. Its
 * class is exported as a type only; `clerk-admin.js` still registers it at once.
 */
import './resident-login/resident-login.ts';
import './resident-profile/resident-profile.ts';
import './rent-components/rent-components.ts';
import './ledger-accounts/ledger-accounts.ts';
import './media-readings/media-readings.ts';
import './media-settlements/media-settlements.ts';
import './resident-portal/resident-portal.ts';
import './payment-info/payment-info.ts';

export { ResidentLogin } from './resident-login/resident-login.ts';
export type { ClerkAdmin } from './clerk-admin/clerk-admin.component.ts';
export { ResidentProfile } from './resident-profile/resident-profile.ts';
export { RentComponents } from './rent-components/rent-components.ts';
export { LedgerAccounts } from './ledger-accounts/ledger-accounts.ts';
export { MediaReadings } from './media-readings/media-readings.ts';
export { MediaSettlements } from './media-settlements/media-settlements.ts';
export { ResidentPortal } from './resident-portal/resident-portal.ts';
export { PaymentInfo } from './payment-info/payment-info.ts';

/** Imports `load` once the document has a `<tag>`: at once, or when one is added later. */
function defineWhenPresent(tag: string, load: () => Promise<unknown>): void {
  if (typeof document === 'undefined') return;
  // A live collection: checking its length on each batch of mutations costs next to nothing.
  const found = document.getElementsByTagName(tag);
  if (found.length) {
    void load();
    return;
  }
  const observer = new MutationObserver(() => {
    if (!found.length) return;
    observer.disconnect();
    void load();
  });
  observer.observe(document, { childList: true, subtree: true });
}

defineWhenPresent('clerk-admin', () => import('./clerk-admin/clerk-admin.ts'));
