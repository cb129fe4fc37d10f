/**
 * `<payment-info>` in every state, with the API mocked (storybook/mocks): to pay (with the QR
 * code), overdue, paid in advance, nothing due, a former owner, no fee account, no transfer data
 * (a wrong account number, settings missing), stale data, and the states every resident widget
 * has (loading, error, no session, a start password, a lockout, a phone, English).
 */
import { http, HttpResponse } from 'msw';
import '../resident-login/resident-login.ts';
import './payment-info.ts';
import {
  mockData,
  residentWidgetStories,
  widgetStory,
  type Meta,
  type StoryObj,
} from '../../../../storybook/mocks/stories.ts';

const TAG = 'payment-info';
type Story = StoryObj;

export default {
  id: 'payment-info',
  title: 'Widżety/Do zapłaty',
  component: 'payment-info',
  parameters: {
    docs: {
      description: {
        component:
          'Ile zapłacić, do kiedy i na jaki rachunek: kwota i termin, dane do przelewu z przyciskami „Kopiuj” i kod QR dla aplikacji banku (standard ZBP 2D).',
      },
    },
  },
} satisfies Meta;

// The nine states every resident data widget has (descriptions in storybook/mocks/stories.ts);
// `Empty` here is a unit without a fee account.
const stories = residentWidgetStories(TAG);
export const Data: Story = stories.Data;
export const Loading: Story = stories.Loading;
export const NoFeeAccount: Story = stories.Empty;
export const ServerError: Story = stories.ServerError;
export const LoggedOut: Story = stories.LoggedOut;
export const MustChangePassword: Story = stories.MustChangePassword;
export const Locked: Story = stories.Locked;
export const Phone: Story = stories.Phone;
export const English: Story = stories.English;

/** One answer of the payment endpoint for a story. */
const answer = (patch: Parameters<typeof mockData.payment>[0]) => [
  http.get('*/api/v1/units/:unitId/payment', () => HttpResponse.json(mockData.payment(patch))),
];

const creditAccounts = mockData.payment().accounts.map((a, i) => ({
  ...a,
  balance: i === 0 ? '-120.50' : '0.00',
}));

export const Overdue: Story = widgetStory(TAG, {
  description: 'Część kwoty jest po terminie: kwota na czerwono i prośba o szybką wpłatę.',
  handlers: answer({ overdue: '412.37' }),
});

export const Overpaid: Story = widgetStory(TAG, {
  description: 'Nadpłata: nic do zapłaty; kod QR bez kwoty (000000), kwotę wpisuje płacący.',
  handlers: answer({
    amountDue: '0.00',
    overpaid: true,
    accounts: creditAccounts,
    qr: mockData.paymentQr('0.00'),
    transfer: { ...mockData.payment().transfer!, amount: '0.00' },
  }),
});

export const NothingDue: Story = widgetStory(TAG, {
  description: 'Wszystko zapłacone: „Nic do zapłaty”.',
  handlers: answer({
    amountDue: '0.00',
    accounts: creditAccounts.map((a) => ({ ...a, balance: '0.00' })),
    qr: mockData.paymentQr('0.00'),
    transfer: { ...mockData.payment().transfer!, amount: '0.00' },
  }),
});

export const FormerOwner: Story = widgetStory(TAG, {
  description: 'Poprzedni właściciel: stan na ostatni dzień przydziału, bez salda nowego właściciela.',
  handlers: answer({ assignedUntil: '2025-03-14', amountDue: '0.00' }),
});

export const InvalidAccountNumber: Story = widgetStory(TAG, {
  description:
    'Numer rachunku w danych księgowych nie przechodzi kontroli NRB: nie jest pokazywany do przelewu.',
  handlers: answer({ transfer: null, qr: null, problem: 'invalid_account_number' }),
});

export const RecipientNotConfigured: Story = widgetStory(TAG, {
  description: 'Administrator nie ustawił danych odbiorcy (COOPERATIVE_*): salda bez danych do przelewu.',
  handlers: answer({ transfer: null, qr: null, problem: 'recipient_not_configured' }),
});

export const StaleData: Story = widgetStory(TAG, {
  description: 'Dane księgowe starsze niż STALE_AFTER_HOURS: ostrzeżenie pod „Stan na dzień”.',
  handlers: answer(mockData.freshness(true)),
});
