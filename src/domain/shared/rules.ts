import type { Parties, Party } from './party';

/** True when a bilateral engagement names two different states. */
export const areDistinct = (parties: Parties): boolean => parties[0] !== parties[1];

export const isOneOf = (party: Party, parties: Parties): boolean =>
  parties[0] === party || parties[1] === party;

/** The other state of a bilateral engagement. */
export const otherParty = (party: Party, parties: Parties): Party =>
  parties[0] === party ? parties[1] : parties[0];
