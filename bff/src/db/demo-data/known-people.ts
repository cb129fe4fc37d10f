/**
 * People and units that the generator always creates the same way, whatever the size (from 20
 * units up) and seed, so that tests, the demo accounts and the documentation can rely on them.
 * Unit ids follow the generator's layout: in every block of 20 units, positions 1–15 are flats,
 * 16–17 garages, 18 a parking space, 19 a storage room, 20 a commercial unit.
 */
export const KNOWN_PEOPLE = {
  /** The demo resident (login demo-resident): a flat and a garage, member, for all of history. */
  demoResident: {
    personId: 1,
    firstName: 'Zofia',
    lastName: 'Wiśniewska',
    memberNumber: '000117',
    email: 'zofia.wisniewska@example.com',
    phone: '+48 601 234 567',
    flatUnitId: 1,
    garageUnitId: 16,
    /** Her assignments start long before the generated history. */
    since: '1994-03-01',
  },
  /** A married couple holding one flat together: member 1/2 and co-owner 1/2, same period. */
  coOwners: {
    unitId: 2,
    memberPersonId: 2,
    coOwnerPersonId: 3,
  },
  /**
   * A flat that changed hands in the middle of history (see `ownerChangeDate`): the previous
   * owner's assignment ends the day before, the new owner's starts on that day; each has their
   * own ledger and settlement accounts.
   */
  changedHands: {
    unitId: 3,
    previousOwnerPersonId: 4,
    newOwnerPersonId: 5,
  },
  /** A member holding two flats for all of history. */
  twoUnits: {
    personId: 6,
    unitIds: [4, 5],
  },
} as const;

/** The smallest size for which every entry of KNOWN_PEOPLE exists. */
export const MIN_UNITS = 20;
