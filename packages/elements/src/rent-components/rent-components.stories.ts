/**
 * `<rent-components>` in every state, with the API mocked (storybook/mocks): data, loading, empty, error,
 * no session (the login prompt), a start password that must be changed, a phone, English.
 */
import '../resident-login/resident-login.ts';
import './rent-components.ts';
import { type Meta, type StoryObj, residentWidgetStories } from '../../../../storybook/mocks/stories.ts';

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

// The nine states every resident data widget has (descriptions in storybook/mocks/stories.ts).
const stories = residentWidgetStories(TAG);
export const Data: Story = stories.Data;
export const Loading: Story = stories.Loading;
export const Empty: Story = stories.Empty;
export const ServerError: Story = stories.ServerError;
export const LoggedOut: Story = stories.LoggedOut;
export const MustChangePassword: Story = stories.MustChangePassword;
export const Locked: Story = stories.Locked;
export const Phone: Story = stories.Phone;
export const English: Story = stories.English;
