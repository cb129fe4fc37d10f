/**
 * The message region of `<resident-login>` and its password step: always in the DOM (a live
 * region that appears together with its text is often not announced), drawn as a box only while
 * it holds a message.
 */
import { html, nothing, type TemplateResult } from 'lit';

export interface LoginMessage {
  kind: 'error' | 'info' | 'success';
  text: string;
  /** Details, one per line (e.g. every reason the server refused a password). */
  list?: string[];
}

export function renderLoginMessage(message: LoginMessage | null, id: string): TemplateResult {
  const kind = message?.kind ?? 'error';
  return html`<div
    class="strefa-login__message strefa-login__message--${kind} ${message ? '' : 'strefa-login__message--empty'}"
    id=${id}
    role=${kind === 'error' ? 'alert' : 'status'}
  >
    ${
      message
        ? html`${message.text}${
            message.list?.length
              ? html`<ul>
                  ${message.list.map((item) => html`<li>${item}</li>`)}
                </ul>`
              : nothing
          }`
        : nothing
    }
  </div>`;
}
