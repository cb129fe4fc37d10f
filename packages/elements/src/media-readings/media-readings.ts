/** Registers `<media-readings>` (and `<resident-login>`, which it shows without a session). */
import '../resident-login/resident-login.ts';
import { MediaReadings } from './media-readings.component.ts';

export { MediaReadings };

if (!customElements.get('media-readings')) customElements.define('media-readings', MediaReadings);

declare global {
  interface HTMLElementTagNameMap {
    'media-readings': MediaReadings;
  }
}
