/**
 * `<media-readings>` in every state, with the API mocked (storybook/mocks): data, loading, empty, error,
 * no session (the login prompt), a start password that must be changed, a phone, English.
 */
import '../resident-login/resident-login.ts';
import './media-readings.ts';
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
import * as chartData from '../../../../storybook/mocks/chart-data.ts';

const TAG = 'media-readings';
type Story = StoryObj;

export default {
  id: 'media-readings',
  title: 'Widżety/Media – odczyty',
  component: 'media-readings',
  parameters: { docs: { description: { component: 'Odczyty liczników wybranego medium w wybranym roku.' } } },
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
export const ChartWithoutBuilding: Story = widgetStory(TAG, {
  description:
    'Mniej niż 5 lokali budynku ma odczyty tego medium: bez średniej budynku, z wyjaśnieniem dlaczego.',
  handlers: [
    http.get('*/api/v1/units/:unitId/readings/comparison', ({ request }) => {
      const url = new URL(request.url);
      return HttpResponse.json(
        chartData.readingsComparison(
          Number(url.searchParams.get('year')),
          url.searchParams.get('medium') ?? '',
          {
            building: false,
          },
        ),
      );
    }),
  ],
});
export const ChartBarFocused: Story = widgetStory(TAG, {
  description: 'Słupek wybrany klawiaturą (Tab, strzałki): obwódka i nazwa z wartością dla czytnika ekranu.',
  play: async ({ canvasElement }) => {
    const bar = await waitFor(() => inShadow(canvasElement, TAG, '.datum'));
    (bar as unknown as HTMLElement).focus({ focusVisible: true } as FocusOptions);
  },
});
export const ChartUnavailable: Story = widgetStory(TAG, {
  description: 'Dane wykresu niedostępne (503): tabela odczytów zostaje, wykresu nie ma.',
  handlers: [
    http.get('*/api/v1/units/:unitId/readings/comparison', () =>
      HttpResponse.json(errorBody('unavailable', 'Dane są chwilowo niedostępne.'), { status: 503 }),
    ),
  ],
});
