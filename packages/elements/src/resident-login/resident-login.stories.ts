/**
 * `<resident-login>` in every state, with the API mocked (storybook/mocks): checking the session,
 * the login form, wrong password, locked, expired start password, the forced change of a start
 * password, logged in, the server unavailable, a phone, English.
 */
import { http, HttpResponse } from 'msw';
import './resident-login.ts';
import {
  errorBody,
  fillLogin,
  widgetStory,
  type Meta,
  type StoryObj,
} from '../../../../storybook/mocks/stories.ts';

const TAG = 'resident-login';
type Story = StoryObj;

export default {
  id: 'resident-login',
  title: 'Widżety/Logowanie',
  component: 'resident-login',
  parameters: {
    docs: {
      description: {
        component:
          'Logowanie do Strefy Mieszkańca, zmiana hasła startowego przy pierwszym logowaniu i „Wyloguj”. ' +
          'Formularz jest w light DOM, aby menedżery haseł go rozpoznawały.',
      },
    },
  },
} satisfies Meta;

/** The first moment: the widget asks the server whether someone is logged in. */
export const Checking: Story = widgetStory(TAG, { scenario: 'checking' });

/** Nobody is logged in: identifier and password. */
export const LoginForm: Story = widgetStory(TAG, { scenario: 'anonymous' });

/** A wrong password: the message says so, without telling whether the identifier exists. */
export const WrongPassword: Story = widgetStory(TAG, {
  scenario: 'anonymous',
  play: async ({ canvasElement }) => fillLogin(canvasElement, 'kowalska.a7', 'zle-haslo'),
});

/** Too many wrong passwords: locked, and for how long. */
export const Locked: Story = widgetStory(TAG, {
  scenario: 'locked',
  play: async ({ canvasElement }) => fillLogin(canvasElement, 'kowalska.a7', 'zle-haslo'),
});

/** The start password expired (14 days): visit the office for a new one. */
export const StartPasswordExpired: Story = widgetStory(TAG, {
  scenario: 'expired-start-password',
  play: async ({ canvasElement }) => fillLogin(canvasElement, 'kowalska.a7', 'TRZ4-KWX7-MN9P'),
});

/** Logged in with the one-time start password: a password of one's own must be set. */
export const MustChangePassword: Story = widgetStory(TAG, { scenario: 'must-change-password' });

/** Logged in: who, and „Wyloguj”. */
export const LoggedIn: Story = widgetStory(TAG);

/** The server cannot be reached (503). */
export const ServerError: Story = widgetStory(TAG, {
  handlers: [
    http.get('*/api/v1/session', () =>
      HttpResponse.json(
        errorBody('unavailable', 'Dane są chwilowo niedostępne. Spróbuj ponownie za kilka minut.'),
        {
          status: 503,
        },
      ),
    ),
  ],
});

/** At phone width (360 px). */
export const Phone: Story = widgetStory(TAG, { scenario: 'anonymous', phone: true });

/** At phone width, the new-password step. */
export const PhoneMustChangePassword: Story = widgetStory(TAG, {
  scenario: 'must-change-password',
  phone: true,
});

/** `lang="en"`: in English. */
export const English: Story = widgetStory(TAG, { scenario: 'anonymous', attributes: { lang: 'en' } });
