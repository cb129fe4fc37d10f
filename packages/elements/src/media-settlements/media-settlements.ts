/** Registers `<media-settlements>` (and `<resident-login>`, which it shows without a session). */
import '../resident-login/resident-login.ts';
import { MediaSettlements } from './media-settlements.component.ts';

export { MediaSettlements };

if (!customElements.get('media-settlements')) customElements.define('media-settlements', MediaSettlements);

declare global {
  interface HTMLElementTagNameMap {
    'media-settlements': MediaSettlements;
  }
}
