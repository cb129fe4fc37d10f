/**
 * Every Strefa element, registered: `<script type="module" src="/widgets/strefa.js">` on a page is
 * all a web editor needs. Each element also has an entry of its own (`rent-components.ts`…) for a
 * page that needs only one.
 */
import './resident-login/resident-login.ts';
import './clerk-admin/clerk-admin.ts';
import './resident-profile/resident-profile.ts';
import './rent-components/rent-components.ts';
import './ledger-accounts/ledger-accounts.ts';
import './media-readings/media-readings.ts';
import './media-settlements/media-settlements.ts';
import './resident-portal/resident-portal.ts';
import './payment-info/payment-info.ts';

export { ResidentLogin } from './resident-login/resident-login.ts';
export { ClerkAdmin } from './clerk-admin/clerk-admin.ts';
export { ResidentProfile } from './resident-profile/resident-profile.ts';
export { RentComponents } from './rent-components/rent-components.ts';
export { LedgerAccounts } from './ledger-accounts/ledger-accounts.ts';
export { MediaReadings } from './media-readings/media-readings.ts';
export { MediaSettlements } from './media-settlements/media-settlements.ts';
export { ResidentPortal } from './resident-portal/resident-portal.ts';
export { PaymentInfo } from './payment-info/payment-info.ts';
