/**
 * `<rent-components>` in every state, with the API mocked (storybook/mocks): data, loading, empty, error,
 * no session (the login prompt), a start password that must be changed, a phone, English.
 */
import '../resident-login/resident-login.ts';
import './rent-components.ts';
import { fillLogin, widgetStory, type Meta, type StoryObj } from '../../../../storybook/mocks/stories.ts';

const TAG = 'rent-components';
type Story = StoryObj;

export default {
  id: 'rent-components',
  title: 'Widżety/Czynsz',
  component: 'rent-components',
  parameters: {
    docs: {
      description: {
        component: 'Składniki opłaty eksploatacyjnej za wybrany rok i miesiąc; dane odświeża „Wyślij”.',
      },
    },
  },
} satisfies Meta;

/** The resident's data (demo: a 48.6 m² flat at ul. Zamkowa and a garage). */
export const Data: Story = widgetStory(TAG);

/** The server has not answered yet. */
export const Loading: Story = widgetStory(TAG, { scenario: 'loading' });

/** Nothing for the chosen period. */
export const Empty: Story = widgetStory(TAG, { scenario: 'empty' });

/** The server answers 503: a Polish message and „Spróbuj ponownie”. */
export const ServerError: Story = widgetStory(TAG, { scenario: 'error' });

/** Nobody is logged in: the widget shows `<resident-login>` in its `login` slot. */
export const LoggedOut: Story = widgetStory(TAG, { scenario: 'anonymous' });

/** Logged in with a start password: the new password must be set first. */
export const MustChangePassword: Story = widgetStory(TAG, { scenario: 'must-change-password' });

/** The login prompt after five wrong passwords: the account is locked for a while. */
export const Locked: Story = widgetStory(TAG, {
  scenario: 'locked',
  play: async ({ canvasElement }) => fillLogin(canvasElement, 'kowalska.a7', 'zle-haslo'),
});

/** At phone width (360 px): tables turn into cards. */
export const Phone: Story = widgetStory(TAG, { phone: true });

/** `lang="en"`: the same widget in English. */
export const English: Story = widgetStory(TAG, { attributes: { lang: 'en' } });
