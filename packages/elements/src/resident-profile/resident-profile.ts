/** Registers `<resident-profile>` (and `<resident-login>`, which it shows without a session). */
import '../resident-login/resident-login.ts';
import { ResidentProfile } from './resident-profile.component.ts';

export { ResidentProfile };

if (!customElements.get('resident-profile')) customElements.define('resident-profile', ResidentProfile);

declare global {
  interface HTMLElementTagNameMap {
    'resident-profile': ResidentProfile;
  }
}
