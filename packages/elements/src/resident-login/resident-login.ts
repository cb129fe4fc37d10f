/** Defines `<resident-login>`. Import this file (or the whole bundle) to use the element. */
import { ResidentLogin } from './resident-login.component.ts';

export { ResidentLogin };

if (!customElements.get('resident-login')) customElements.define('resident-login', ResidentLogin);

declare global {
  interface HTMLElementTagNameMap {
    'resident-login': ResidentLogin;
  }
}
