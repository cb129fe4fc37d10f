/**
 * `<resident-portal>`, the whole zone in one tag, in every state, with the API mocked
 * (storybook/mocks): logged in (tabs, unit switcher, „Wyloguj”), loading, no data, the server
 * unavailable, logged out, locked, a start password to change, a phone, English.
 */
import './resident-portal.ts';
import { fillLogin, widgetStory, type Meta, type StoryObj } from '../../../../storybook/mocks/stories.ts';

const TAG = 'resident-portal';
type Story = StoryObj;
const brand = '<span slot="brand">Pabianicka Spółdzielnia Mieszkaniowa</span>';

export default {
  id: 'resident-portal',
  title: 'Widżety/Strefa Mieszkańca (całość)',
  component: 'resident-portal',
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'Cała Strefa Mieszkańca w jednym znaczniku: logowanie, zakładki (Dane osobowe, Czynsz, Księgowość, ' +
          'Media – odczyty, Media – rozliczenia), wybór lokalu i „Wyloguj”.',
      },
    },
  },
} satisfies Meta;

/** Logged in, with a flat and a garage: tabs and the unit switcher. */
export const Data: Story = widgetStory(TAG, { children: brand });

/** The data has not arrived yet. */
export const Loading: Story = widgetStory(TAG, { scenario: 'loading', children: brand });

/** No data for the chosen period. */
export const Empty: Story = widgetStory(TAG, { scenario: 'empty', children: brand });

/** The server answers 503. */
export const ServerError: Story = widgetStory(TAG, { scenario: 'error', children: brand });

/** Nobody is logged in: the login. */
export const LoggedOut: Story = widgetStory(TAG, { scenario: 'anonymous', children: brand });

/** Too many wrong passwords: locked. */
export const Locked: Story = widgetStory(TAG, {
  scenario: 'locked',
  children: brand,
  play: async ({ canvasElement }) => fillLogin(canvasElement, 'kowalska.a7', 'zle-haslo'),
});

/** The first login with a start password: a password of one's own first. */
export const MustChangePassword: Story = widgetStory(TAG, {
  scenario: 'must-change-password',
  children: brand,
});

/** At phone width (360 px): the tabs become a row at the top, tables become cards. */
export const Phone: Story = widgetStory(TAG, { phone: true, children: brand });

/** `lang="en"`. */
export const English: Story = widgetStory(TAG, { attributes: { lang: 'en' }, children: brand });
