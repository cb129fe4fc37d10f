/**
 * What every story shares: the elements manifest (Storybook's docs tables and controls come from
 * the elements' own JSDoc), Mock Service Worker started once, a phone-width viewport, and Polish
 * as the page language, as on the cooperative's website.
 */
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import manifest from '../../packages/elements/custom-elements.json';
import { handlersFor } from '../mocks/handlers.ts';

setCustomElementsManifest(manifest);
document.documentElement.lang = 'pl';

const preview: Preview = {
  loaders: [mswLoader()],
  parameters: {
    msw: { handlers: handlersFor('data') },
    controls: { expanded: true },
    layout: 'padded',
    viewport: {
      options: {
        phone: { name: 'Telefon (360 px)', styles: { width: '360px', height: '740px' }, type: 'mobile' },
        tablet: { name: 'Tablet (768 px)', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
        desktop: {
          name: 'Komputer (1280 px)',
          styles: { width: '1280px', height: '900px' },
          type: 'desktop',
        },
      },
    },
  },
};

export default preview;
