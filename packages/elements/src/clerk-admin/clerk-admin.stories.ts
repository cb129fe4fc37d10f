/**
 * `<clerk-admin>` in every state, with the API mocked (storybook/mocks): no clerk session, search
 * results (no login, active, locked, must change), nothing found, loading, the server unavailable,
 * credentials just issued (shown once, with the activation letter), the audit trail, a phone.
 */
import './clerk-admin.ts';
import {
  fillLogin,
  inShadow,
  waitFor,
  widgetStory,
  type Meta,
  type StoryObj,
} from '../../../../storybook/mocks/stories.ts';

const TAG = 'clerk-admin';
type Story = StoryObj;

export default {
  id: 'clerk-admin',
  title: 'Widżety/Dla pracowników BOM',
  component: 'clerk-admin',
  parameters: {
    docs: {
      description: {
        component:
          'Narzędzie pracownika Biura Obsługi Mieszkańców: wyszukiwanie osób, wydawanie identyfikatorów ' +
          'i haseł startowych, reset hasła, list aktywacyjny, historia zdarzeń.',
      },
    },
  },
} satisfies Meta;

/** Types a query into the search form and submits it. */
async function search(canvasElement: HTMLElement, query: string) {
  const input = await waitFor(() => inShadow<HTMLInputElement>(canvasElement, TAG, 'input[type="search"]'));
  input.value = query;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.form!.requestSubmit();
}

/** Finds a button in the widget by its text. */
function button(canvasElement: HTMLElement, text: string) {
  return [...(canvasElement.querySelector(TAG)?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) =>
    b.textContent?.includes(text),
  );
}

/** A clerk is logged in: the search form. */
export const Search: Story = widgetStory(TAG);

/** Results for „kow”: a person without a login, an active one, a locked one, one who must change. */
export const Results: Story = widgetStory(TAG, {
  play: async ({ canvasElement }) => search(canvasElement, 'kow'),
});

/** Nobody matches. */
export const Empty: Story = widgetStory(TAG, {
  scenario: 'empty',
  play: async ({ canvasElement }) => search(canvasElement, 'xyz'),
});

/** The search has not answered yet. */
export const Loading: Story = widgetStory(TAG, {
  scenario: 'loading',
  play: async ({ canvasElement }) => search(canvasElement, 'kow'),
});

/** The server answers 503. */
export const ServerError: Story = widgetStory(TAG, {
  scenario: 'error',
  play: async ({ canvasElement }) => search(canvasElement, 'kow'),
});

/** Credentials issued: the identifier and start password, shown once, and the letter to print. */
export const Issued: Story = widgetStory(TAG, {
  play: async ({ canvasElement }) => {
    await search(canvasElement, 'kow');
    (await waitFor(() => button(canvasElement, 'Wydaj dostęp'))).click();
  },
});

/** The audit trail of a login. */
export const Audit: Story = widgetStory(TAG, {
  play: async ({ canvasElement }) => {
    await search(canvasElement, 'kowalska');
    (await waitFor(() => button(canvasElement, 'Historia'))).click();
  },
});

/** No clerk session: the login. */
export const LoggedOut: Story = widgetStory(TAG, { scenario: 'anonymous' });

/** A clerk's first login with a start password: a new password first. */
export const MustChangePassword: Story = widgetStory(TAG, { scenario: 'must-change-password' });

/** The login after too many wrong passwords. */
export const Locked: Story = widgetStory(TAG, {
  scenario: 'locked',
  play: async ({ canvasElement }) => fillLogin(canvasElement, 'bom.nowak', 'zle-haslo'),
});

/** At phone width (360 px), with results. */
export const Phone: Story = widgetStory(TAG, {
  phone: true,
  play: async ({ canvasElement }) => search(canvasElement, 'kow'),
});
