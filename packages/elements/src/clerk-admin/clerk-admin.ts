/** Defines `<clerk-admin>` (and the `<resident-login>` it shows without a session). */
import '../resident-login/resident-login.ts';
import { ClerkAdmin } from './clerk-admin.component.ts';

export { ClerkAdmin };

if (!customElements.get('clerk-admin')) customElements.define('clerk-admin', ClerkAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'clerk-admin': ClerkAdmin;
  }
}
