/**
 * Passwords that people actually guess are refused (issue 11 item 9), each with its reason: the
 * example phrase of the form's own hint, the resident's own name, login, street or member number
 * plus digits, the cooperative's and town's names, keyboard walks, Polish favourites from the
 * common-password lists, and the password used before a reset. Unit checks of the policy with
 * the issue's own examples, then the same through the real password change with the person's
 * real data from the register.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_WORDS, repositoryRoot } from '../../src/config.ts';
import { portal } from '../../src/db/tables.ts';
import { POLISH_PASSWORDS } from '../../src/services/password-policy/polish-passwords.ts';
import {
  checkPasswordPolicy,
  HINT_EXAMPLES,
  isKeyboardWalk,
} from '../../src/services/password-policy/policy.ts';
import { issueStartPassword, loginAs, ownPasswordFor } from '../support/residents.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const person = {
  login: 'kx7m-p9rt',
  userInputs: [
    'Jan Brzeziński',
    'Jan',
    'Brzeziński',
    'Zamkowa',
    'Zamkowa 4',
    'Pabianice',
    '95-200',
    'M-01234',
  ],
};
const codes = (password: string) =>
  checkPasswordPolicy(password, { ...person, minLength: 12, siteWords: DEFAULT_PASSWORD_WORDS }).map(
    (r) => r.code,
  );

describe('the policy refuses what guessers try first', () => {
  it.each([
    ['the hint example', 'zielony rower pod starym oknem', 'example_phrase'],
    ['the hint example, capitalised and punctuated', 'Zielony rower pod starym oknem!', 'example_phrase'],
    ['the English hint example', 'green bicycle under the old window', 'example_phrase'],
    ['the name plus digits', 'Jan Brzeziński 1234567', 'personal_data'],
    ['the name without diacritics', 'jan brzezinski 2024!', 'personal_data'],
    ['the street and number', 'Zamkowa 4 Brzeziński', 'personal_data'],
    ['the member number', 'M-01234 M-01234', 'personal_data'],
    ['the login plus digits', 'kx7m-p9rt-2026', 'personal_data'],
    ['the portal name and a year', 'Strefa Mieszkańca 2026', 'site_words'],
    ['the cooperative', 'Spółdzielnia Mieszkaniowa', 'site_words'],
    ["the cooperative's own name", 'Pabianicka Spółdzielnia 1', 'site_words'],
    ['the town and postcode', 'Pabianice 95-200', 'site_words'],
    ['a keyboard walk', 'zaq1@WSXcde3', 'keyboard_pattern'],
    ['another keyboard walk', '1qaz@WSX3edc$RFV', 'keyboard_pattern'],
    ['a row walk', 'qwertyuiop[]', 'keyboard_pattern'],
    ['a Polish favourite with diacritics and digits', 'Kochamcię1234', 'too_common'],
    ['a Polish favourite with digits', 'Misiek1234567', 'too_common'],
    ['a Polish favourite doubled', 'kochaniekochanie', 'too_common'],
  ])('%s: %s', (_, password, reason) => {
    const refused = checkPasswordPolicy(password, {
      ...person,
      minLength: 12,
      siteWords: DEFAULT_PASSWORD_WORDS,
    });
    expect(refused.map((r) => r.code)).toContain(reason);
    // Every reason says why, in Polish, for a person.
    for (const r of refused) expect(r.message).toMatch(/[ąćęłńóśźż]/i);
  });

  it.each([
    'słoneczny dzień nad Dobrzynką',
    'Mglisty poranek nad Nerem i dwie czaple',
    'strefa zielonego balkonu nad łąką', // a site word among words of its own
    'Jan lubi pierogi z wiśniami i kompot', // a name among words of its own
  ])('still accepts a passphrase of unrelated words: %s', (password) => {
    expect(codes(password)).toEqual([]);
  });

  it('checks against at least 10,000 common passwords, Polish ones included', () => {
    const common = zxcvbnCommon.dictionary['passwords-common'] as string[];
    expect(common.length + POLISH_PASSWORDS.length).toBeGreaterThanOrEqual(10_000);
    for (const polish of ['kochamcie', 'zaq12wsx', 'polska', 'misiek', 'haslo1']) {
      expect(POLISH_PASSWORDS).toContain(polish);
    }
  });

  it("knows the hint's example phrases exactly as the form and its translation show them", () => {
    const form = readFileSync(
      join(repositoryRoot, 'packages/elements/src/resident-login/resident-login.password-step.ts'),
      'utf8',
    );
    const xliff = readFileSync(join(repositoryRoot, 'packages/elements/xliff/en.xlf'), 'utf8');
    expect(form).toContain(`„${HINT_EXAMPLES[0]}”`);
    expect(xliff).toContain(`“${HINT_EXAMPLES[1]}”`);
  });

  it('tells a keyboard walk from a passphrase', () => {
    expect(isKeyboardWalk('zaq1@WSXcde3')).toBe(true);
    expect(isKeyboardWalk('asdfghjkl;')).toBe(true);
    expect(isKeyboardWalk('zielony balkon nad łąką')).toBe(false);
  });
});

describe('through the password change, with the person’s own data', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  async function firstSignIn(personId: number) {
    const issued = await issueStartPassword(ctx, personId);
    const client = await loginAs(ctx, issued.login, issued.oneTimePassword);
    return { issued, client };
  }

  it('refuses the name, the street and the member number, saying why', async () => {
    const personId = 33;
    const person = await ctx.knex('billing_persons').where({ id: personId }).first();
    const building = await ctx
      .knex('billing_assignments as a')
      .join('billing_units as u', 'u.id', 'a.unit_id')
      .join('billing_buildings as b', 'b.id', 'u.building_id')
      .where('a.person_id', personId)
      .first('b.street', 'b.number');
    expect(building).toBeTruthy();
    const { issued, client } = await firstSignIn(personId);
    const attempts = [
      `${person.firstName} ${person.lastName} 1234567`,
      `${building.street} ${building.number} ${person.lastName}`,
      `${issued.login} ${person.firstName}`,
      'Strefa Mieszkańca 2026',
      'zielony rower pod starym oknem',
    ];
    if (person.memberNumber) attempts.push(`${person.memberNumber} ${person.memberNumber} 2026`);
    const expected = ['personal_data', 'personal_data', 'personal_data', 'site_words', 'example_phrase'];
    if (person.memberNumber) expected.push('personal_data');
    for (const [i, newPassword] of attempts.entries()) {
      const answer = await client.put('/api/v1/session/password', {
        currentPassword: issued.oneTimePassword,
        newPassword,
      });
      expect(answer.status, newPassword).toBe(422);
      expect(answer.body.error.code).toBe('password_policy');
      const reasons = answer.body.error.reasons as { code: string; message: string }[];
      expect(
        reasons.map((r) => r.code),
        newPassword,
      ).toContain(expected[i]);
      expect(reasons.every((r) => r.message.length > 20)).toBe(true);
    }
    // Refusals are not failed logins: the resident is not locked out by trying.
    const ok = await client.put('/api/v1/session/password', {
      currentPassword: issued.oneTimePassword,
      newPassword: ownPasswordFor(personId),
    });
    expect(ok.status).toBe(204);
  });

  it('after a reset, refuses the own password used before it', async () => {
    const personId = 34;
    const first = await firstSignIn(personId);
    const before = 'Kormoran suszy skrzydła na starej boi';
    expect(
      (
        await first.client.put('/api/v1/session/password', {
          currentPassword: first.issued.oneTimePassword,
          newPassword: before,
        })
      ).status,
    ).toBe(204);
    const second = await firstSignIn(personId); // the clerk's reset, then the start password
    const credential = await ctx.knex(portal.credentials).where({ personId }).first();
    expect(credential.previousPasswordHash).toBeTruthy();
    const reused = await second.client.put('/api/v1/session/password', {
      currentPassword: second.issued.oneTimePassword,
      newPassword: before,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error.reasons.map((r: { code: string }) => r.code)).toEqual(['reused_password']);
    // A second reset before any change still remembers the own password.
    const third = await firstSignIn(personId);
    const again = await third.client.put('/api/v1/session/password', {
      currentPassword: third.issued.oneTimePassword,
      newPassword: before,
    });
    expect(again.body.error.reasons.map((r: { code: string }) => r.code)).toEqual(['reused_password']);
    const fresh = await third.client.put('/api/v1/session/password', {
      currentPassword: third.issued.oneTimePassword,
      newPassword: 'Jeż w kaloszach zbiera kasztany pod dębem',
    });
    expect(fresh.status).toBe(204);
  });
});
