/**
 * `<media-settlements>` in every state, with the API mocked (storybook/mocks): data, loading, empty, error,
 * no session (the login prompt), a start password that must be changed, a phone, English.
 */
import '../resident-login/resident-login.ts';
import './media-settlements.ts';
import { HttpResponse, http } from 'msw';
import {
  type Meta,
  type StoryObj,
  errorBody,
  inShadow,
  residentWidgetStories,
  waitFor,
  widgetStory,
} from '../../../../storybook/mocks/stories.ts';

const TAG = 'media-settlements';
type Story = StoryObj;

export default {
  id: 'media-settlements',
  title: 'Widżety/Media – rozliczenia',
  component: 'media-settlements',
  parameters: {
    docs: { description: { component: 'Rozliczenia mediów na wybranym koncie w wybranym roku.' } },
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

// The chart's states (the Data, Empty, Phone and English stories above show it too).
export const ChartBarFocused: Story = widgetStory(TAG, {
  description: 'Słupek kosztu wybrany klawiaturą: obwódka i nazwa z kwotą dla czytnika ekranu.',
  play: async ({ canvasElement }) => {
    const bar = await waitFor(() => inShadow(canvasElement, TAG, '.datum'));
    (bar as unknown as HTMLElement).focus({ focusVisible: true } as FocusOptions);
  },
});
export const ChartUnavailable: Story = widgetStory(TAG, {
  description: 'Historia rozliczeń niedostępna (503): rozliczenia roku zostają, wykresu nie ma.',
  handlers: [
    http.get('*/api/v1/units/:unitId/settlements/history', () =>
      HttpResponse.json(errorBody('unavailable', 'Dane są chwilowo niedostępne.'), { status: 503 }),
    ),
  ],
});
