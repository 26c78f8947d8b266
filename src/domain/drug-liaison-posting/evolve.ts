import type { DrugLiaisonPostingEvent } from './events';
import type {
  AnnouncedPosting,
  DrugLiaisonPostingState,
  DrugLiaisonPostingStatus,
  FormerLiaisonOfficer,
  LiaisonOfficer,
} from './state';

/** The posting with its current officer changed, and the status that change leads to. */
const withOfficer = (
  posting: AnnouncedPosting,
  status: DrugLiaisonPostingStatus,
  change: (officer: LiaisonOfficer) => LiaisonOfficer,
): AnnouncedPosting =>
  posting.currentOfficer === undefined
    ? posting
    : { ...posting, status, currentOfficer: change(posting.currentOfficer) };

/** The current officer moves to the former officers and the post is open again. */
const withOfficerGone = (
  posting: AnnouncedPosting,
  status: DrugLiaisonPostingStatus,
  departure: (officer: LiaisonOfficer) => FormerLiaisonOfficer,
): AnnouncedPosting => {
  const { currentOfficer, ...rest } = posting;
  if (currentOfficer === undefined) return posting;
  return {
    ...rest,
    status,
    formerOfficers: [...posting.formerOfficers, departure(currentOfficer)],
  };
};

export const evolveDrugLiaisonPosting = (
  state: DrugLiaisonPostingState,
  event: DrugLiaisonPostingEvent,
): DrugLiaisonPostingState => {
  if (event.type === 'DrugLiaisonPostingAnnounced')
    return {
      status: 'announced',
      postingId: event.data.postingId,
      sendingState: event.data.sendingState,
      hostState: event.data.hostState,
      mission: event.data.mission,
      hostApprovalRequired: event.data.hostApprovalRequired,
      announcedOn: event.occurredOn,
      formerOfficers: [],
    };
  if (state.status === 'unannounced') return state;
  switch (event.type) {
    case 'LiaisonOfficerNominated':
      return {
        ...state,
        status: 'officerNominated',
        currentOfficer: {
          post: event.data.officer,
          ...(event.data.rank === undefined ? {} : { rank: event.data.rank }),
          nominatedOn: event.occurredOn,
        },
      };
    case 'AppointmentNotified':
      return withOfficer(state, 'appointmentNotified', (officer) => ({
        ...officer,
        notifiedRef: event.data.noteVerbaleRef,
        notifiedOn: event.occurredOn,
      }));
    case 'HostApprovalGranted':
      return withOfficer(state, 'hostApproved', (officer) => ({
        ...officer,
        approval: { decision: 'granted', on: event.occurredOn },
      }));
    case 'HostApprovalRefused':
      return withOfficerGone(state, 'hostRefused', (officer) => ({
        officer: {
          ...officer,
          approval: {
            decision: 'refused',
            on: event.occurredOn,
            ...(event.data.reason === undefined ? {} : { reason: event.data.reason }),
          },
        },
        departure: { kind: 'refusedByHost', on: event.occurredOn },
      }));
    case 'DutiesAssumed':
      return withOfficer(state, 'onDuty', (officer) => ({
        ...officer,
        dutiesFrom: event.occurredOn,
        tourEndsOn: event.data.tourEndsOn,
      }));
    case 'TourExtended':
      return withOfficer(state, state.status, (officer) => ({
        ...officer,
        tourEndsOn: event.data.newEndsOn,
        lastExtendedOn: event.occurredOn,
      }));
    case 'OfficerRecalled':
      return withOfficerGone(state, 'officerRecalled', (officer) => ({
        officer,
        departure: { kind: 'recalled', on: event.occurredOn, reason: event.data.reason },
      }));
    case 'DeclaredPersonaNonGrata':
      return withOfficer(state, 'declaredPersonaNonGrata', (officer) => ({
        ...officer,
        declaredPersonaNonGrataOn: event.occurredOn,
      }));
    case 'PostingEnded':
      return { ...state, status: 'ended', endedOn: event.occurredOn, endReason: event.data.reason };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};
