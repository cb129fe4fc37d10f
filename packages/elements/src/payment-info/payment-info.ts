/** Registers `<payment-info>` (and `<resident-login>`, which it shows without a session). */
import '../resident-login/resident-login.ts';
import { PaymentInfo } from './payment-info.component.ts';

export { PaymentInfo };

if (!customElements.get('payment-info')) customElements.define('payment-info', PaymentInfo);

declare global {
  interface HTMLElementTagNameMap {
    'payment-info': PaymentInfo;
  }
}
