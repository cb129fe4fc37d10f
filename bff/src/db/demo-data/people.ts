/** The people phase of the demo-data generator: persons with Polish names, contacts and couples. */
import { pad } from './calendar.ts';
import type { Generation } from './generation.ts';
import {
  ESTATES,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  SURNAMES,
  asciiLower,
  feminineSurname,
} from './names.ts';
import type { Random } from './random.ts';

/** Polish mobile number prefixes (the first two digits). */
const MOBILE_PREFIXES = ['50', '51', '53', '57', '60', '66', '69', '72', '73', '78', '79', '88'];

export interface Holder {
  personId: number;
  role: 'member' | 'co_owner' | 'tenant';
  share: string;
}

export interface PersonFacts {
  firstName: string;
  lastName: string;
  female: boolean;
  member: boolean;
  memberNumber: string;
  email: string | null;
  phone: string | null;
}

/** Writes a person (random unless `fixed`) and answers their id, surname and sex. */
export function createPerson(
  g: Generation,
  random: Random,
  fixed?: Partial<PersonFacts>,
): { id: number; lastName: string; female: boolean } {
  const id = g.next.person++;
  const female = fixed?.female ?? random.chance(0.55);
  const surname = random.pick(SURNAMES);
  const lastName = fixed?.lastName ?? (female ? feminineSurname(surname) : surname);
  const firstName = fixed?.firstName ?? random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const member = fixed?.member ?? true;
  const memberNumber = fixed?.memberNumber ?? (member ? pad(1000 + id * 7, 6) : null);
  const email =
    fixed?.email !== undefined
      ? fixed.email
      : random.chance(0.55)
        ? `${asciiLower(firstName)}.${asciiLower(lastName)}${random.int(1, 99)}@${random.pick(['example.com', 'example.net', 'example.org'])}`
        : null;
  const phone =
    fixed?.phone !== undefined
      ? fixed.phone
      : random.chance(0.75)
        ? `+48 ${random.pick(MOBILE_PREFIXES)}${random.digits(1)} ${random.digits(3)} ${random.digits(3)}`
        : null;
  const correspondence = random.chance(0.06)
    ? random.chance(0.5)
      ? `ul. Piotrkowska ${random.int(1, 280)}/${random.int(1, 40)}, 90-${random.digits(3)} Łódź`
      : `ul. ${random.pick(ESTATES[0]!.streets)} ${random.int(1, 60)}/${random.int(1, 60)}, 95-200 Pabianice`
    : null;
  g.sql.person.run(id, firstName, lastName, memberNumber, email, phone, correspondence);
  g.count.persons++;
  return { id, lastName, female };
}

/** One holder of the whole unit. */
export function single(personId: number, role: Holder['role'] = 'member'): Holder[] {
  return [{ personId, role, share: '1/1' }];
}

/** A member and a co-owner, half each: mostly spouses (one surname in its two forms). */
export function couple(g: Generation, random: Random): Holder[] {
  const first = createPerson(g, random);
  const spouse = random.chance(0.8);
  const second = spouse
    ? createPerson(g, random, {
        female: !first.female,
        lastName: first.female ? masculineOf(first.lastName) : feminineSurname(first.lastName),
        member: false,
      })
    : createPerson(g, random, { member: false });
  return [
    { personId: first.id, role: 'member', share: '1/2' },
    { personId: second.id, role: 'co_owner', share: '1/2' },
  ];
}

/** The masculine form of a surname (for a husband of a woman generated first). */
function masculineOf(surname: string): string {
  if (surname.endsWith('ska') || surname.endsWith('cka') || surname.endsWith('dzka'))
    return surname.slice(0, -1) + 'i';
  return surname;
}
