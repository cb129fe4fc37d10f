/**
 * `<rent-components>` in every state, with the API mocked (storybook/mocks): data, loading, empty, error,
 * no session (the login prompt), a start password that must be changed, a phone, English.
 */
import '../resident-login/resident-login.ts';
import './rent-components.ts';
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

// The chart's states (the Data, Empty, Phone and English stories above show it too).
export const ChartPointFocused: Story = widgetStory(TAG, {
  description:
    'Punkt styczniowy wybrany klawiaturą: pod wykresem kwota i składniki, które się zmieniły („Od 01.2026 …”).',
  play: async ({ canvasElement }) => {
    const point = await waitFor(() => inShadow(canvasElement, TAG, '.point.changed'));
    (point as unknown as HTMLElement).focus({ focusVisible: true } as FocusOptions);
  },
});
export const ChartUnavailable: Story = widgetStory(TAG, {
  description: 'Historia opłat niedostępna (503): tabela składników zostaje, wykresu nie ma.',
  handlers: [
    http.get('*/api/v1/units/:unitId/charges/history', () =>
      HttpResponse.json(errorBody('unavailable', 'Dane są chwilowo niedostępne.'), { status: 503 }),
    ),
  ],
});
export const ChartOneYear: Story = widgetStory(TAG, {
  description: 'Przydział od niedawna: wykres tylko z miesięcy, które mieszkaniec może zobaczyć.',
  handlers: [
    http.get('*/api/v1/units/:unitId/charges/history', () => {
      const history = chartData.chargeHistory(2026, 11);
      return HttpResponse.json({
        months: history.months.map((m, i) => (i < 14 ? { ...m, total: null, changes: [] } : m)),
      });
    }),
  ],
});
