/**
 * The activation letter in English, for a resident who asks for it: the same layout and data as
 * the Polish letter (activation-letter.ts), loaded on demand when a clerk prints it.
 */
import { html, type TemplateResult } from 'lit';
import { formatWarsawLabelled } from '../internal/warsaw-time.ts';
import { longDate, type LetterData } from './activation-letter.ts';

export function englishLetter(data: LetterData): TemplateResult {
  const expires = new Date(data.expiresAt);
  return html`
    <article class="letter" lang="en">
      <div class="sender">
        Pabianicka Spółdzielnia Mieszkaniowa · Residents' Service Office · ul. Zamkowa 42, 95-200 Pabianice
      </div>
      <div class="recipient">
        <div>${data.displayName}</div>
        ${data.address ? html`<div>${data.address}</div>` : ''}
      </div>
      <h1>Your access to the Residents' Zone (Strefa Mieszkańca)</h1>
      <p>Dear Resident,</p>
      <p>
        at your request we have created a personal identifier and a one-time start password for the Residents'
        Zone. There you can check, at any time and from home, what the cooperative's accounting program holds
        for you: the monthly charges, your current balances, your payment history and the utility settlements.
      </p>
      <dl class="data">
        <dt>Portal address</dt>
        <dd>${data.portalUrl}</dd>
        <dt>Identifier</dt>
        <dd class="secret">${data.login}</dd>
        <dt>Start password</dt>
        <dd class="secret">${data.oneTimePassword}</dd>
        <dt>Valid until</dt>
        <dd>${formatWarsawLabelled(data.expiresAt, 'en')}</dd>
      </dl>
      <h2>How to log in</h2>
      <ol>
        <li>Open the portal address above and choose “Strefa Mieszkańca”.</li>
        <li>Type the identifier and the start password exactly as printed (letter case matters).</li>
        <li>
          At your first login, replace the start password with a password of your own: at least 12 characters,
          ideally a few unrelated words. Only you will know it; nobody at the cooperative does.
        </li>
        <li>
          Your identifier stays the same. Your data is in the tabs on the left: Dane osobowe (personal data),
          Czynsz (charges), Księgowość (accounts), Media odczyty (meter readings), Media rozliczenia (utility
          settlements). “Wyślij” shows the data for the chosen period, “Wyloguj” (top right) logs you out. The
          portal speaks English too: switch the language of the page.
        </li>
      </ol>
      <h2>Important</h2>
      <p>
        The start password works once and only until ${longDate(expires, 'en')}. If it expires or you forget
        your password, come with an identity document (or another document with your photo) to your estate
        office, the Residents' Service Office at ul. Zamkowa 42, or the Charges Settlement Department at ul.
        Zamkowa 42, room 3. You will receive a new one-time password.
      </p>
      <p>
        Do not share your identifier or password with anybody. The cooperative's staff never ask for your
        password, neither by phone nor by e-mail.
      </p>
      <p class="footer">
        Issued ${formatWarsawLabelled(data.issuedAt.toISOString(), 'en')} · by: ${data.issuedBy}
      </p>
    </article>
  `;
}
