/**
 * `<ledger-accounts>` in every state, with the API mocked (storybook/mocks): data, loading, empty, error,
 * no session (the login prompt), a start password that must be changed, a phone, English; the
 * yearly statement's download while the server draws it and when it is refused.
 */
import { delay, http, HttpResponse } from 'msw';
import '../resident-login/resident-login.ts';
import './ledger-accounts.ts';
import {
  inShadow,
  waitFor,
  widgetStory,
  type Meta,
  type StoryObj,
  residentWidgetStories,
} from '../../../../storybook/mocks/stories.ts';

const TAG = 'ledger-accounts';
type Story = StoryObj;

export default {
  id: 'ledger-accounts',
  title: 'Widżety/Księgowość',
  component: 'ledger-accounts',
  parameters: {
    docs: {
      description: {
        component: 'Stan kont rozrachunkowych w wybranym roku; „Szczegóły” pokazują dokumenty.',
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

/** „Szczegóły” opened: every document of the account in the year. */
export const Details: Story = widgetStory(TAG, {
  description: 'Po naciśnięciu „Szczegóły”: wszystkie dokumenty konta w roku, z sumami Wn i Ma.',
  play: async ({ canvasElement }) => {
    const button = await waitFor(() => inShadow<HTMLElement>(canvasElement, TAG, '[part~="details-button"]'));
    button.click();
  },
});

/** „Skąd to saldo?” opened: the balance month by month for the last 12 months. */
export const BalanceHistory: Story = widgetStory(TAG, {
  description:
    '„Skąd to saldo?”: saldo każdego konta miesiąc po miesiącu (12 miesięcy) z paskiem słupków; miesiąc rozwija się do swoich dokumentów.',
  play: async ({ canvasElement }) => {
    const button = await waitFor(() => inShadow<HTMLElement>(canvasElement, TAG, '[part~="history-button"]'));
    button.click();
  },
});

/** Clicks „Pobierz zestawienie roczne (PDF)” once the accounts are shown. */
async function clickStatement({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const link = await waitFor(() =>
    inShadow<HTMLAnchorElement>(canvasElement, TAG, '[part~="statement-link"]'),
  );
  link.click();
}

/** The yearly statement requested: the server is still drawing the PDF. */
export const StatementPreparing: Story = widgetStory(TAG, {
  description:
    'Po naciśnięciu „Pobierz zestawienie roczne (PDF)”: „Przygotowuję zestawienie…” (komunikat dla czytnika ekranu), dopóki serwer rysuje PDF.',
  handlers: [http.get('*/api/v1/units/:unitId/statement', () => delay('infinite'))],
  play: clickStatement,
});

/** The yearly statement refused (the server is busy): a Polish sentence beside the link. */
export const StatementRefused: Story = widgetStory(TAG, {
  description:
    'Zestawienie odrzucone przez serwer (np. chwilowo niedostępne): polskie zdanie obok odnośnika zamiast strony z JSON-em.',
  handlers: [
    http.get('*/api/v1/units/:unitId/statement', () =>
      HttpResponse.json(
        {
          error: {
            code: 'unavailable',
            message: 'Dane są chwilowo niedostępne. Spróbuj ponownie za kilka minut.',
          },
        },
        { status: 503, headers: { 'Retry-After': '30' } },
      ),
    ),
  ],
  play: clickStatement,
});
