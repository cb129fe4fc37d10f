/**
 * The sentence for each reason the server (or the form itself) refuses a new password. Only the
 * password-change step needs them, and it is loaded on demand, so these sentences stay out of
 * `<resident-login>`'s first load.
 */
import { msg } from '@lit/localize';
import type { PasswordPolicyReason } from '@strefa/api-types';

/** The sentence for one reason a new password was refused. */
export function passwordReasonMessage(code: PasswordPolicyReason | string, fallback?: string): string {
  switch (code) {
    case 'too_short':
      return msg('Hasło jest za krótkie.');
    case 'too_long':
      return msg('Hasło jest za długie (najwyżej 128 znaków).');
    case 'same_as_login':
      return msg('Hasło nie może być takie samo jak identyfikator.');
    case 'too_common':
      return msg('To hasło jest zbyt popularne i łatwe do odgadnięcia.');
    case 'too_weak':
      return msg('Hasło jest zbyt łatwe do odgadnięcia. Dodaj kilka słów lub znaków.');
    case 'same_as_current':
      return msg('Nowe hasło musi się różnić od obecnego.');
    case 'personal_data':
      return msg(
        'Hasło opiera się na Twoich danych (imię, nazwisko, identyfikator, adres, numer członkowski), które inni mogą znać.',
      );
    case 'site_words':
      return msg(
        'Hasło opiera się na nazwie spółdzielni, miejscowości lub portalu: to zgadujący sprawdzi najpierw.',
      );
    case 'example_phrase':
      return msg('To przykład z podpowiedzi formularza: znają go wszyscy. Wymyśl własne słowa.');
    case 'keyboard_pattern':
      return msg(
        'Hasło to sąsiednie klawisze klawiatury (np. „zaq1@WSX”): takie układy zgaduje się najpierw.',
      );
    case 'reused_password':
      return msg('To hasło było już używane przed ostatnią zmianą lub resetem. Wybierz nowe.');
    default:
      // The server's own (Polish) message for a reason this widget version does not know yet.
      return fallback ?? msg('Hasło nie spełnia wymagań.');
  }
}
