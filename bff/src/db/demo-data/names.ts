/**
 * Polish names and places for the demo data. Surnames are given in the masculine form; the
 * feminine form follows Polish grammar (-ski → -ska, -cki → -cka, -dzki → -dzka), other surnames
 * are the same for both.
 */

export const FEMALE_FIRST_NAMES = [
  'Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Krystyna',
  'Elżbieta', 'Zofia', 'Teresa', 'Danuta', 'Jadwiga', 'Joanna', 'Halina', 'Irena', 'Beata',
  'Grażyna', 'Magdalena', 'Monika', 'Dorota', 'Jolanta', 'Aleksandra', 'Marianna', 'Bożena',
  'Urszula', 'Justyna', 'Iwona', 'Renata', 'Wiesława', 'Stanisława', 'Łucja', 'Natalia',
] as const;

export const MALE_FIRST_NAMES = [
  'Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Jan', 'Paweł', 'Michał', 'Marcin', 'Stanisław',
  'Jakub', 'Adam', 'Marek', 'Łukasz', 'Grzegorz', 'Mateusz', 'Wojciech', 'Mariusz', 'Dariusz',
  'Zbigniew', 'Jerzy', 'Józef', 'Tadeusz', 'Ryszard', 'Kazimierz', 'Henryk', 'Mirosław',
  'Bogdan', 'Sławomir', 'Zdzisław', 'Bartłomiej', 'Władysław', 'Leszek',
] as const;

export const SURNAMES = [
  'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski',
  'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur',
  'Kwiatkowski', 'Wojciechowski', 'Krawczyk', 'Kaczmarek', 'Piotrowski', 'Grabowski', 'Zając',
  'Pawłowski', 'Michalski', 'Król', 'Wieczorek', 'Jabłoński', 'Wróbel', 'Nowakowski', 'Majewski',
  'Olszewski', 'Stępień', 'Malinowski', 'Jaworski', 'Adamczyk', 'Dudek', 'Nowicki', 'Pawlak',
  'Górski', 'Witkowski', 'Walczak', 'Sikora', 'Baran', 'Rutkowski', 'Michalak', 'Szewczyk',
  'Ostrowski', 'Tomaszewski', 'Pietrzak', 'Marciniak', 'Wróblewski', 'Zalewski', 'Jakubowski',
  'Jasiński', 'Zawadzki', 'Sadowski', 'Bąk', 'Chmielewski', 'Włodarczyk', 'Borkowski',
  'Czarnecki', 'Sawicki', 'Sokołowski', 'Urbański', 'Kubiak', 'Maciejewski', 'Szczepański',
  'Kucharski', 'Wilk', 'Kalinowski', 'Lis', 'Mazurek', 'Wysocki', 'Adamski', 'Kaźmierczak',
  'Wasilewski', 'Sobczak', 'Czerwiński', 'Andrzejewski', 'Cieślak', 'Głowacki', 'Zakrzewski',
  'Kołodziej', 'Sikorski', 'Krajewski', 'Gajewski', 'Szymczak', 'Szulc', 'Baranowski',
  'Laskowski', 'Brzeziński', 'Makowski', 'Ziółkowski', 'Przybylski', 'Domański', 'Nowacki',
] as const;

export function feminineSurname(surname: string): string {
  if (surname.endsWith('ski') || surname.endsWith('cki') || surname.endsWith('dzki')) {
    return surname.slice(0, -1) + 'a';
  }
  return surname;
}

const ASCII: Record<string, string> = {
  ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z',
};

/** Lower-case ASCII for e-mail addresses: "Wiśniewska" → "wisniewska". */
export function asciiLower(text: string): string {
  return text.toLowerCase().replace(/[ąćęłńóśźż]/g, (c) => ASCII[c] ?? c);
}

/**
 * Estates (osiedla) of Pabianice and their streets (domain.md). Streets repeat across a large
 * generated stock with further house numbers.
 */
export const ESTATES: readonly { name: string; streets: readonly string[] }[] = [
  { name: 'Osiedle Centrum', streets: ['Zamkowa', 'Piłsudskiego', 'Kilińskiego', 'Moniuszki'] },
  { name: 'Osiedle Bugaj', streets: ['Bugaj', 'Partyzancka', 'Grota-Roweckiego'] },
  { name: 'Osiedle Piaski', streets: ['Wyspiańskiego', 'Waryńskiego', 'Jana Pawła II'] },
  { name: 'Osiedle Karniszewice', streets: ['Łaska', 'Popławska'] },
];

/** Room names for heat cost allocators, by number of rooms. */
export const ROOMS = ['pokój dzienny', 'sypialnia', 'pokój dziecięcy', 'pokój 4', 'pokój 5'] as const;
