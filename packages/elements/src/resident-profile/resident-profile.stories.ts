/**
 * `<resident-profile>` in every state, with the API mocked (storybook/mocks): data, loading, empty, error,
 * no session (the login prompt), a start password that must be changed, a phone, English.
 */
import '../resident-login/resident-login.ts';
import './resident-profile.ts';
import { type Meta, type StoryObj, residentWidgetStories } from '../../../../storybook/mocks/stories.ts';

const TAG = 'resident-profile';
type Story = StoryObj;

export default {
  id: 'resident-profile',
  title: 'Widżety/Dane osobowe',
  component: 'resident-profile',
  parameters: {
    docs: {
      description: {
        component: 'Dane osobowe mieszkańca i wszystkie jego lokale (przydziały) z numerami rachunków.',
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
