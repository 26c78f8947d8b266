import * as t from 'io-ts';
import { struct } from '../../kernel/primitives';
import { Party, type Parties } from './party';
import { describePost, Post } from './post';
import { isOneOf } from './rules';

/** The people a state sends to a meeting, by post: a head and, optionally, members. */
export const Delegation = struct(
  'Delegation',
  { party: Party, head: Post },
  { members: t.array(Post) },
);
export type Delegation = t.TypeOf<typeof Delegation>;

export type DelegationRule =
  | 'DelegationMustBeOfAParty'
  | 'DelegationListedTwice'
  | 'DelegationHeadMustActForItsParty'
  | 'DelegationMemberMustActForItsParty';

/**
 * The first thing wrong with the delegations to a meeting of `parties`, if any: each delegation is
 * of one of the parties, listed once, and headed and staffed by posts of its own state.
 */
export const delegationProblem = (
  delegations: readonly Delegation[],
  parties: Parties,
): { readonly rule: DelegationRule; readonly message: string } | undefined => {
  for (const [index, delegation] of delegations.entries()) {
    if (!isOneOf(delegation.party, parties))
      return {
        rule: 'DelegationMustBeOfAParty',
        message: `a delegation of ${delegation.party} cannot attend a meeting of ${parties.join(' and ')}`,
      };
    if (delegations.findIndex((d) => d.party === delegation.party) !== index)
      return {
        rule: 'DelegationListedTwice',
        message: `the delegation of ${delegation.party} is listed twice; list each party's delegation once`,
      };
    if (delegation.head.party !== delegation.party)
      return {
        rule: 'DelegationHeadMustActForItsParty',
        message: `${describePost(delegation.head)} cannot head the delegation of ${delegation.party}`,
      };
    const outsider = (delegation.members ?? []).find((m) => m.party !== delegation.party);
    if (outsider !== undefined)
      return {
        rule: 'DelegationMemberMustActForItsParty',
        message: `${describePost(outsider)} cannot be a member of the delegation of ${delegation.party}`,
      };
  }
  return undefined;
};
