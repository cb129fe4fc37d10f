/** Registers `<rent-components>` (and `<resident-login>`, which it shows without a session). */
import '../resident-login/resident-login.ts';
import { RentComponents } from './rent-components.component.ts';

export { RentComponents };

if (!customElements.get('rent-components')) customElements.define('rent-components', RentComponents);

declare global {
  interface HTMLElementTagNameMap {
    'rent-components': RentComponents;
  }
}
