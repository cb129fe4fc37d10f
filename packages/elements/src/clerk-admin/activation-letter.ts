/**
 * The activation letter a clerk prints for a resident after issuing credentials or a new start
 * password: identifier, start password, its expiry, the portal's address and the instructions
 * of the cooperative's own "Strefa Mieszkańca" page. Polish by default, English for a resident who
 * asks for it: the clerk chooses the letter's language, independently of their screen's. It fits
 * one A4 page at the browser's default margins with the longest realistic name and address
 * (test/activation-letter.test.ts prints it to PDF in Chromium and counts the pages).
 *
 * Printing from inside a shadow root would print the whole intranet page, so the letter is
 * rendered into a temporary element directly under `<body>` (its own shadow root holds the
 * letter's styles), and a document-level print rule hides every other child of `<body>` while
 * printing. The element is removed after printing, so the password does not linger in the page.
 */
import { css, html, render, type TemplateResult } from 'lit';
import { formatWarsawLabelled, TIME_ZONE, type ClockLang as Lang } from '../internal/warsaw-time.ts';

export interface LetterData {
  displayName: string;
  /** First address of the person's units, for the letter's header. */
  address: string | null;
  login: string;
  oneTimePassword: string;
  expiresAt: string;
  portalUrl: string;
  /** The clerk who issued it. */
  issuedBy: string;
  issuedAt: Date;
  /** The letter's language (Polish when omitted). */
  lang?: Lang;
}

export const PRINT_ROOT_CLASS = 'strefa-print-root';

/** "11 grudnia 2026" / "11 December 2026": the Warsaw calendar date of a moment. */
export const longDate = (value: Date, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'pl-PL', {
    dateStyle: 'long',
    timeZone: TIME_ZONE,
  }).format(value);

/** The page-level rules: only the letter prints, and it never shows on screen. */
const documentRules = css`
  @media print {
    /* A4 at the browser's own margins (the clerk's print dialog decides them). */
    @page {
      size: A4;
    }
    body > :not(.strefa-print-root) {
      display: none !important;
    }
    body > .strefa-print-root {
      display: block !important;
    }
  }
  @media screen {
    body > .strefa-print-root {
      display: none !important;
    }
  }
`;

const letterStyles = css`
  :host {
    all: initial;
    display: block;
    color: #000000;
    background: #ffffff;
    font-family: 'Noto Serif', 'DejaVu Serif', Georgia, 'Times New Roman', serif;
    font-size: 11pt;
    line-height: 1.35;
  }
  .letter {
    max-width: 180mm;
  }
  p {
    margin: 0 0 2.5mm;
  }
  .sender {
    font-size: 9.5pt;
    border-bottom: 1px solid #000000;
    padding-bottom: 2mm;
    margin-bottom: 6mm;
  }
  .recipient {
    margin: 0 0 6mm auto;
    width: 85mm;
  }
  h1 {
    font-size: 15pt;
    margin: 0 0 4mm;
  }
  h2 {
    font-size: 12pt;
    margin: 4mm 0 1.5mm;
  }
  .data {
    border: 2px solid #000000;
    padding: 3mm 5mm;
    margin: 4mm 0;
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 2mm 6mm;
    break-inside: avoid;
  }
  .data dt {
    font-weight: 700;
  }
  .data dd {
    margin: 0;
  }
  .secret {
    font-family: 'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace;
    font-size: 14pt;
    letter-spacing: 0.12em;
    font-weight: 700;
  }
  ol {
    padding-left: 6mm;
    margin: 0 0 2.5mm;
  }
  li + li {
    margin-top: 1mm;
  }
  .footer {
    margin-top: 6mm;
    font-size: 9.5pt;
  }
`;

/**
 * The letter itself, in Polish. Exported for tests and for a preview on screen. The English letter
 * is in letter-en.ts, loaded only when a clerk prints one (like the English strings of the
 * screen, it costs nothing to the pages that never need it).
 */
export function letterTemplate(data: LetterData): TemplateResult {
  const expires = new Date(data.expiresAt);
  return html`
    <article class="letter" lang="pl">
      <div class="sender">
        Pabianicka Spółdzielnia Mieszkaniowa · Biuro Obsługi Mieszkańców · ul. Zamkowa 42, 95-200 Pabianice
      </div>
      <div class="recipient">
        <div>${data.displayName}</div>
        ${data.address ? html`<div>${data.address}</div>` : ''}
      </div>
      <h1>Dostęp do Strefy Mieszkańca</h1>
      <p>Szanowni Państwo,</p>
      <p>
        na Państwa prośbę wygenerowaliśmy indywidualny identyfikator i jednorazowe hasło startowe do Strefy
        Mieszkańca. W portalu można w każdej chwili, nie wychodząc z domu, sprawdzić dane z programu, w którym
        Spółdzielnia prowadzi rozrachunki z Mieszkańcami: naliczenia opłat eksploatacyjnych, wysokość
        aktualnych sald, historię płatności i rozliczenia mediów.
      </p>
      <dl class="data">
        <dt>Adres portalu</dt>
        <dd>${data.portalUrl}</dd>
        <dt>Identyfikator</dt>
        <dd class="secret">${data.login}</dd>
        <dt>Hasło startowe</dt>
        <dd class="secret">${data.oneTimePassword}</dd>
        <dt>Hasło ważne do</dt>
        <dd>${formatWarsawLabelled(data.expiresAt, 'pl')}</dd>
      </dl>
      <h2>Jak się zalogować</h2>
      <ol>
        <li>Otwórz adres portalu podany powyżej i wybierz zakładkę „Strefa Mieszkańca”.</li>
        <li>Wpisz identyfikator i hasło startowe z listu; wielkość liter i spacje nie mają znaczenia.</li>
        <li>
          Podczas pierwszego logowania zmień hasło startowe na własne hasło docelowe: co najmniej 12 znaków,
          najlepiej kilka niezwiązanych słów. To hasło gwarantuje w następnych logowaniach wyłączny dostęp do
          Twoich danych; nie zna go nikt w Spółdzielni.
        </li>
        <li>
          Identyfikator pozostaje niezmienny. Dane znajdziesz w zakładkach po lewej stronie: Dane osobowe,
          Czynsz, Księgowość, Media odczyty, Media rozliczenia. Przycisk „Wyślij” odświeża dane dla wybranych
          parametrów, a „Wyloguj” w prawym górnym rogu kończy pracę.
        </li>
      </ol>
      <h2>Ważne</h2>
      <p>
        Hasło startowe jest jednorazowe i ważne do ${longDate(expires, 'pl')}. Jeśli wygaśnie albo zapomnisz
        hasła, zgłoś się z dowodem tożsamości (lub innym dokumentem ze zdjęciem) do siedziby Spółdzielni:
        swojej Administracji Osiedlowej, Biura Obsługi Mieszkańców przy ul. Zamkowej 42 lub Działu Rozliczeń
        Opłat Eksploatacyjnych przy ul. Zamkowej 42, pokój nr 3. Otrzymasz nowe jednorazowe hasło.
      </p>
      <p>
        Nie przekazuj identyfikatora ani hasła innym osobom. Pracownicy Spółdzielni nigdy nie proszą o podanie
        hasła — ani telefonicznie, ani e-mailem.
      </p>
      <p class="footer">
        Wydano ${formatWarsawLabelled(data.issuedAt.toISOString(), 'pl')} · wydał(a): ${data.issuedBy}
      </p>
    </article>
  `;
}

let documentSheet: CSSStyleSheet | undefined;

/** Adds the page-level print rules once. */
function installDocumentRules(): void {
  const sheet = documentRules.styleSheet;
  if (sheet && 'adoptedStyleSheets' in document) {
    documentSheet = sheet;
    if (!document.adoptedStyleSheets.includes(sheet)) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }
    return;
  }
  if (!document.getElementById('strefa-print-rules')) {
    const style = document.createElement('style');
    style.id = 'strefa-print-rules';
    style.textContent = documentRules.cssText;
    document.head.append(style);
  }
}

/** Removes a letter left from an earlier print. */
export function removeActivationLetter(): void {
  for (const old of document.querySelectorAll(`body > .${PRINT_ROOT_CLASS}`)) old.remove();
}

/**
 * Prints the letter: puts it under `<body>`, calls the browser's print, and removes it after
 * printing. Returns the element (tests inspect it).
 */
export function printActivationLetter(
  data: LetterData,
  template: (data: LetterData) => TemplateResult = letterTemplate,
): HTMLElement {
  removeActivationLetter();
  installDocumentRules();
  const root = document.createElement('div');
  root.className = PRINT_ROOT_CLASS;
  const shadow = root.attachShadow({ mode: 'open' });
  const sheet = letterStyles.styleSheet;
  if (sheet) shadow.adoptedStyleSheets = [sheet];
  else
    render(
      html`<style>
        ${letterStyles.cssText}
      </style>`,
      shadow,
    );
  const content = document.createElement('div');
  shadow.append(content);
  render(template(data), content);
  document.body.append(root);
  window.addEventListener('afterprint', () => root.remove(), { once: true });
  window.print();
  return root;
}

/** For tests: whether the document-level print rules are in place. */
export function printRulesInstalled(): boolean {
  return (
    (documentSheet !== undefined && document.adoptedStyleSheets.includes(documentSheet)) ||
    document.getElementById('strefa-print-rules') !== null
  );
}
