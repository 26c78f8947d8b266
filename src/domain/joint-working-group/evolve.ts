import type { JointWorkingGroupEvent } from './events';
import type { JointWorkingGroupState } from './state';

/**
 * Applies one event. Events are facts the decider has already checked, so evolve does not judge
 * them again; an event that cannot apply to the state (none before establishment) changes nothing.
 */
export const evolveJointWorkingGroup = (
  state: JointWorkingGroupState,
  event: JointWorkingGroupEvent,
): JointWorkingGroupState => {
  if (event.type === 'JointWorkingGroupEstablished')
    return {
      status: 'active',
      jwgId: event.data.jwgId,
      name: event.data.name,
      parties: event.data.parties,
      sectors: event.data.sectors,
      establishedOn: event.occurredOn,
      coChairs: [],
      scheduledMeetings: [],
      heldMeetings: [],
      actionItems: [],
      lastHeldRound: 0,
    };
  if (state.status === 'notEstablished') return state;
  switch (event.type) {
    case 'CoChairDesignated': {
      const { party, post } = event.data;
      const seat = state.coChairs.find((s) => s.party === party);
      const next = {
        party,
        post,
        since: event.occurredOn,
        former:
          seat === undefined
            ? []
            : [...seat.former, { post: seat.post, from: seat.since, until: event.occurredOn }],
      };
      return {
        ...state,
        coChairs:
          seat === undefined
            ? [...state.coChairs, next]
            : state.coChairs.map((s) => (s.party === party ? next : s)),
      };
    }
    case 'SectorAdded':
      return { ...state, sectors: [...state.sectors, event.data.sector] };
    case 'MeetingScheduled':
      return {
        ...state,
        scheduledMeetings: [
          ...state.scheduledMeetings,
          {
            round: event.data.round,
            hostParty: event.data.hostParty,
            venue: event.data.venue,
            scheduledOn: event.data.scheduledOn,
            arrangedOn: event.occurredOn,
            postponedFrom: [],
          },
        ],
      };
    case 'MeetingPostponed':
      return {
        ...state,
        scheduledMeetings: state.scheduledMeetings.map((m) =>
          m.round === event.data.round
            ? {
                ...m,
                scheduledOn: event.data.newDate,
                arrangedOn: event.occurredOn,
                postponedFrom: [...m.postponedFrom, m.scheduledOn],
              }
            : m,
        ),
      };
    case 'MeetingHeld': {
      const { round } = event.data;
      return {
        ...state,
        // Rounds only go up, so a scheduled round at or below this one will never be held.
        scheduledMeetings: state.scheduledMeetings.filter((m) => m.round > round),
        heldMeetings: [
          ...state.heldMeetings,
          {
            round,
            hostParty: event.data.hostParty,
            venue: event.data.venue,
            occurredOn: event.occurredOn,
            delegations: event.data.delegations,
          },
        ],
        lastHeldRound: round,
      };
    }
    case 'ActionItemRecorded':
      return {
        ...state,
        actionItems: [
          ...state.actionItems,
          {
            status: 'open',
            actionId: event.data.actionId,
            round: event.data.round,
            ownerParty: event.data.ownerParty,
            description: event.data.description,
            ...(event.data.dueOn === undefined ? {} : { dueOn: event.data.dueOn }),
            recordedOn: event.occurredOn,
          },
        ],
      };
    case 'ActionItemClosed':
      return {
        ...state,
        actionItems: state.actionItems.map((a) =>
          a.actionId === event.data.actionId
            ? {
                ...a,
                status: 'closed',
                outcome: event.data.outcome,
                ...(event.data.note === undefined ? {} : { note: event.data.note }),
                closedOn: event.occurredOn,
              }
            : a,
        ),
      };
    case 'JointWorkingGroupDissolved':
      return {
        ...state,
        status: 'dissolved',
        dissolvedOn: event.occurredOn,
        dissolutionReason: event.data.reason,
      };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};
