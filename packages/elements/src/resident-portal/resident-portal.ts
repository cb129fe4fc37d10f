/** Registers `<resident-portal>` and every element it shows. */
import '../resident-login/resident-login.ts';
import '../resident-profile/resident-profile.ts';
import '../rent-components/rent-components.ts';
import '../ledger-accounts/ledger-accounts.ts';
import '../media-readings/media-readings.ts';
import '../media-settlements/media-settlements.ts';
import '../payment-info/payment-info.ts';
import { ResidentPortal } from './resident-portal.component.ts';

export { ResidentPortal };

if (!customElements.get('resident-portal')) customElements.define('resident-portal', ResidentPortal);

declare global {
  interface HTMLElementTagNameMap {
    'resident-portal': ResidentPortal;
  }
}
