import type { PartialDate } from '../../kernel/partial-date';
import type { Parties, Party } from '../shared/party';
import type { Post } from '../shared/post';
import type { Delegation } from '../shared/delegation';
import type { ActionOutcome } from './events';
import type { Sector } from './sector';

/** A post that co-chaired for a party until another took over. */
export interface FormerCoChair {
  readonly post: Post;
  readonly from: PartialDate;
  readonly until: PartialDate;
}

/** A party's seat at the head of the group: the post holding it now and those that held it. */
export interface CoChairSeat {
  readonly party: Party;
  readonly post: Post;
  readonly since: PartialDate;
  readonly former: readonly FormerCoChair[];
}

/** A round still to be held, with every date it was set for before the current one. */
export interface ScheduledMeeting {
  readonly round: number;
  readonly hostParty: Party;
  readonly venue: string;
  readonly scheduledOn: PartialDate;
  /** The day the current date was set: scheduled, or last postponed. */
  readonly arrangedOn?: PartialDate;
  readonly postponedFrom: readonly PartialDate[];
}

export interface HeldMeeting {
  readonly round: number;
  readonly hostParty: Party;
  readonly venue: string;
  readonly occurredOn: PartialDate;
  readonly delegations: readonly Delegation[];
}

export interface ActionItemFacts {
  readonly actionId: string;
  readonly round: number;
  readonly ownerParty: Party;
  readonly description: string;
  readonly dueOn?: PartialDate;
  readonly recordedOn: PartialDate;
}

export type ActionItem =
  | (ActionItemFacts & { readonly status: 'open' })
  | (ActionItemFacts & {
      readonly status: 'closed';
      readonly outcome: ActionOutcome;
      readonly note?: string;
      readonly closedOn: PartialDate;
    });

/** What the group is and has done, whether it still works or was dissolved. */
export interface JointWorkingGroupRecord {
  readonly jwgId: string;
  readonly name: string;
  readonly parties: Parties;
  readonly sectors: readonly Sector[];
  readonly establishedOn: PartialDate;
  /** At most one seat per party. */
  readonly coChairs: readonly CoChairSeat[];
  /** Only rounds above `lastHeldRound`: a lower round can no longer be held. */
  readonly scheduledMeetings: readonly ScheduledMeeting[];
  /** In the order held, rounds strictly increasing. */
  readonly heldMeetings: readonly HeldMeeting[];
  readonly actionItems: readonly ActionItem[];
  /** 0 until a first round is held. */
  readonly lastHeldRound: number;
}

export type JointWorkingGroupState =
  | { readonly status: 'notEstablished' }
  | (JointWorkingGroupRecord & { readonly status: 'active' })
  | (JointWorkingGroupRecord & {
      readonly status: 'dissolved';
      readonly dissolvedOn: PartialDate;
      readonly dissolutionReason: string;
    });

export const initialJointWorkingGroupState: JointWorkingGroupState = { status: 'notEstablished' };

/** Action items not yet closed, in the order recorded. */
export const openActionItems = (state: JointWorkingGroupState): readonly ActionItem[] =>
  state.status === 'notEstablished' ? [] : state.actionItems.filter((a) => a.status === 'open');

/** The meeting held last, if any. */
export const lastHeldMeeting = (record: JointWorkingGroupRecord): HeldMeeting | undefined =>
  record.heldMeetings.at(-1);
