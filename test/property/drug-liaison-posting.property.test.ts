import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { handleCommand, loadState, readStreamEvents } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { earliestDay, isCertainlyAfter, isCertainlyBefore } from '../../src/kernel/partial-date';
import {
  DrugLiaisonPosting,
  type DrugLiaisonPostingCommand,
  type DrugLiaisonPostingEvent,
  type DrugLiaisonPostingState,
  type LiaisonOfficer,
} from '../../src/domain/drug-liaison-posting';
import { createKeyedInMemoryStore } from '../support/keyed-store';
import { context, recordingIn2040 } from '../support/context';

const postingId = 'bh-dlo-islamabad';
const streamId = `DrugLiaisonPosting-${postingId}`;

// A small space, so that many commands succeed and every status is reached. Mostly two distinct
// states and an officer of the sending state; sometimes not, which must be refused. The dates mix
// years, months and days so that imprecise comparisons are exercised.
const hostState = fc.constantFrom('PK', 'PK', 'PK', 'BH');
const officerParty = fc.constantFrom('BH', 'BH', 'BH', 'PK');
const date = fc.constantFrom(
  '2025',
  '2025-09-10',
  '2025-12',
  '2026',
  '2026-01-15',
  '2026-06',
  '2027',
  '2027-09-30',
  '2028-01',
);

const announcement: fc.Arbitrary<DrugLiaisonPostingCommand> = fc
  .record({ hostState, hostApprovalRequired: fc.boolean(), on: date })
  .map(({ hostState, hostApprovalRequired, on }) => ({
    type: 'AnnouncePosting',
    postingId,
    sendingState: 'BH',
    hostState,
    mission: 'Embassy of the Kingdom of Bahrain, Islamabad',
    hostApprovalRequired,
    occurredOn: on,
  }));

const nomination: fc.Arbitrary<DrugLiaisonPostingCommand> = fc
  .record({ party: officerParty, holder: fc.constantFrom('A. Officer', undefined), on: date })
  .map(({ party, holder, on }) => ({
    type: 'NominateOfficer',
    postingId,
    officer: {
      title: 'Drug Liaison Officer',
      party,
      ...(holder === undefined ? {} : { holder, holderId: 'person:bh-1' }),
    },
    occurredOn: on,
  }));

const command: fc.Arbitrary<DrugLiaisonPostingCommand> = fc.oneof(
  { weight: 1, arbitrary: announcement },
  { weight: 3, arbitrary: nomination },
  {
    weight: 3,
    arbitrary: date.map((on) => ({
      type: 'NotifyAppointment' as const,
      postingId,
      noteVerbaleRef: `NV ${on}`,
      occurredOn: on,
    })),
  },
  {
    weight: 3,
    arbitrary: date.map((on) => ({
      type: 'GrantHostApproval' as const,
      postingId,
      occurredOn: on,
    })),
  },
  {
    weight: 1,
    arbitrary: date.map((on) => ({
      type: 'RefuseHostApproval' as const,
      postingId,
      occurredOn: on,
    })),
  },
  {
    weight: 3,
    arbitrary: fc.record({ on: date, ends: date }).map(({ on, ends }) => ({
      type: 'AssumeDuties' as const,
      postingId,
      tourEndsOn: ends,
      occurredOn: on,
    })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ on: date, ends: date }).map(({ on, ends }) => ({
      type: 'ExtendTour' as const,
      postingId,
      newEndsOn: ends,
      occurredOn: on,
    })),
  },
  {
    weight: 1,
    arbitrary: date.map((on) => ({
      type: 'RecallOfficer' as const,
      postingId,
      reason: 'recalled by the sending state',
      occurredOn: on,
    })),
  },
  {
    weight: 1,
    arbitrary: date.map((on) => ({
      type: 'DeclarePersonaNonGrata' as const,
      postingId,
      occurredOn: on,
    })),
  },
  {
    weight: 1,
    arbitrary: date.map((on) => ({
      type: 'EndPosting' as const,
      postingId,
      reason: 'posting closed',
      occurredOn: on,
    })),
  },
);

/**
 * The usual course of one officer's posting, from nomination through the host's answer to duties,
 * then an extension, a recall, a declaration of persona non grata or the end. Mixed with random
 * commands, it takes many runs deep into the life of a posting instead of stalling early.
 */
const tourOfDuty: fc.Arbitrary<DrugLiaisonPostingCommand[]> = fc
  .record({
    // The steps of one officer in the order they happen: no date certainly before the one
    // before it, since the rules refuse a step dated before the step it depends on.
    steps: fc
      .array(date, { minLength: 5, maxLength: 5 })
      .map((ds) => [...ds].sort((a, b) => earliestDay(a).localeCompare(earliestDay(b)))),
    // Sometimes the host is not asked at all, which matters where it requires approval.
    answer: fc.constantFrom('GrantHostApproval', 'GrantHostApproval', 'RefuseHostApproval', 'none'),
    // Usually a sensible tour, sometimes any end, which the tour rule must sort out.
    tourEnd: fc.oneof(
      date.map((to) => ({ to, sensible: true })),
      date.map((to) => ({ to, sensible: false })),
    ),
    then: fc.constantFrom('ExtendTour', 'RecallOfficer', 'DeclarePersonaNonGrata', 'EndPosting'),
  })
  .map(({ steps, answer, tourEnd, then }) => {
    const [
      nominatedOn = '2025',
      notifiedOn = '2025',
      answeredOn = '2025',
      from = '2025',
      thenOn = '2025',
    ] = steps;
    const to = tourEnd.sensible && isCertainlyBefore(tourEnd.to, from) ? from : tourEnd.to;
    const last: DrugLiaisonPostingCommand =
      then === 'ExtendTour'
        ? { type: then, postingId, newEndsOn: thenOn, occurredOn: from }
        : then === 'DeclarePersonaNonGrata'
          ? { type: then, postingId, occurredOn: thenOn }
          : { type: then, postingId, reason: 'end of tour', occurredOn: thenOn };
    return [
      {
        type: 'NominateOfficer',
        postingId,
        officer: { title: 'Drug Liaison Officer', party: 'BH' },
        occurredOn: nominatedOn,
      },
      { type: 'NotifyAppointment', postingId, noteVerbaleRef: 'NV 1', occurredOn: notifiedOn },
      ...(answer === 'none' ? [] : [{ type: answer, postingId, occurredOn: answeredOn }]),
      { type: 'AssumeDuties', postingId, tourEndsOn: to, occurredOn: from },
      last,
    ];
  });

// The announcement opens the posting, so it is usually dated before the officers' steps; now and
// then later, so that steps dated before it are refused.
const opening: fc.Arbitrary<DrugLiaisonPostingCommand> = fc
  .tuple(announcement, fc.constantFrom('2025', '2025-09-10', undefined))
  .map(([announced, early]) =>
    early === undefined ? announced : { ...announced, occurredOn: early },
  );

const history: fc.Arbitrary<DrugLiaisonPostingCommand[]> = fc
  .tuple(
    opening,
    fc.array(
      fc.oneof(
        { weight: 1, arbitrary: tourOfDuty },
        { weight: 3, arbitrary: command.map((c) => [c]) },
      ),
      { minLength: 3, maxLength: 20 },
    ),
  )
  .map(([first, rest]) => [first, ...rest.flat()]);

const officerStatuses = new Set([
  'officerNominated',
  'appointmentNotified',
  'hostApproved',
  'onDuty',
  'declaredPersonaNonGrata',
]);

/** What must hold in every state the handler reaches. */
const checkState = (state: DrugLiaisonPostingState): void => {
  if (state.status === 'unannounced') return;
  expect(state.hostState).not.toBe(state.sendingState);
  // At most one current officer, and exactly when the status says there is one.
  if (state.status !== 'ended')
    expect(state.currentOfficer !== undefined).toBe(officerStatuses.has(state.status));
  const officers: LiaisonOfficer[] = [
    ...(state.currentOfficer === undefined ? [] : [state.currentOfficer]),
    ...state.formerOfficers.map((f) => f.officer),
  ];
  for (const officer of officers) {
    expect(officer.post.party).toBe(state.sendingState);
    if (!state.hostApprovalRequired) expect(officer.approval).toBeUndefined();
    if (officer.approval !== undefined) expect(officer.notifiedRef).toBeDefined();
    if (officer.dutiesFrom !== undefined) {
      expect(officer.notifiedRef).toBeDefined();
      if (state.hostApprovalRequired) expect(officer.approval?.decision).toBe('granted');
      expect(officer.tourEndsOn).toBeDefined();
      if (officer.tourEndsOn !== undefined)
        expect(isCertainlyBefore(officer.tourEndsOn, officer.dutiesFrom)).toBe(false);
    }
  }
  // Acts in order: no step of an officer certainly before the step it depends on.
  const notBefore = (later: string | undefined, earlier: string | undefined): void => {
    if (later !== undefined && earlier !== undefined)
      expect(isCertainlyBefore(later, earlier)).toBe(false);
  };
  for (const officer of officers) {
    notBefore(officer.nominatedOn, state.announcedOn);
    notBefore(officer.notifiedOn, officer.nominatedOn);
    notBefore(officer.approval?.on, officer.notifiedOn);
    notBefore(officer.dutiesFrom, officer.notifiedOn);
    if (officer.approval?.decision === 'granted')
      notBefore(officer.dutiesFrom, officer.approval.on);
    notBefore(officer.lastExtendedOn, officer.dutiesFrom);
    notBefore(officer.declaredPersonaNonGrataOn, officer.nominatedOn);
  }
  for (const former of state.formerOfficers) {
    notBefore(former.departure.on, former.officer.nominatedOn);
    if (former.departure.kind === 'refusedByHost') {
      expect(former.officer.approval?.decision).toBe('refused');
      expect(former.officer.dutiesFrom).toBeUndefined();
    }
  }
  if (state.status === 'onDuty') {
    expect(state.currentOfficer?.dutiesFrom).toBeDefined();
    expect(state.currentOfficer?.declaredPersonaNonGrataOn).toBeUndefined();
  }
  if (state.status === 'declaredPersonaNonGrata')
    expect(state.currentOfficer?.declaredPersonaNonGrataOn).toBeDefined();
  if (state.status === 'ended') {
    expect(state.endedOn).toBeDefined();
    if (state.endedOn !== undefined) {
      expect(isCertainlyBefore(state.endedOn, state.announcedOn)).toBe(false);
      for (const officer of officers)
        if (officer.dutiesFrom !== undefined)
          expect(isCertainlyBefore(state.endedOn, officer.dutiesFrom)).toBe(false);
    }
  }
};

/**
 * The same rules checked on the history itself, independently of the state type: replays the
 * stream with a model of its own and fails on the first event the rules forbid.
 */
const checkHistory = (events: readonly DrugLiaisonPostingEvent[]): void => {
  let approvalRequired = false;
  let ended = false;
  let officer:
    | { notified: boolean; approved: boolean; png: boolean; tourEndsOn?: string; from?: string }
    | undefined;
  events.forEach((event, index) => {
    expect(ended).toBe(false);
    expect(event.type === 'DrugLiaisonPostingAnnounced').toBe(index === 0);
    if (officer?.png === true) expect(['OfficerRecalled', 'PostingEnded']).toContain(event.type);
    switch (event.type) {
      case 'DrugLiaisonPostingAnnounced':
        approvalRequired = event.data.hostApprovalRequired;
        break;
      case 'LiaisonOfficerNominated':
        expect(officer).toBeUndefined();
        officer = { notified: false, approved: false, png: false };
        break;
      case 'AppointmentNotified':
        expect(officer?.notified).toBe(false);
        if (officer !== undefined) officer.notified = true;
        break;
      case 'HostApprovalGranted':
        expect(approvalRequired).toBe(true);
        expect(officer?.notified).toBe(true);
        expect(officer?.approved).toBe(false);
        if (officer !== undefined) officer.approved = true;
        break;
      case 'HostApprovalRefused':
        expect(approvalRequired).toBe(true);
        expect(officer?.notified).toBe(true);
        expect(officer?.approved).toBe(false);
        officer = undefined;
        break;
      case 'DutiesAssumed':
        expect(officer?.notified).toBe(true);
        if (approvalRequired) expect(officer?.approved).toBe(true);
        expect(officer?.from).toBeUndefined();
        expect(isCertainlyBefore(event.data.tourEndsOn, event.occurredOn)).toBe(false);
        if (officer !== undefined) {
          officer.from = event.occurredOn;
          officer.tourEndsOn = event.data.tourEndsOn;
        }
        break;
      case 'TourExtended': {
        const current = officer?.tourEndsOn;
        expect(current).toBeDefined();
        if (current !== undefined)
          expect(isCertainlyAfter(event.data.newEndsOn, current)).toBe(true);
        if (officer !== undefined) officer.tourEndsOn = event.data.newEndsOn;
        break;
      }
      case 'OfficerRecalled':
        expect(officer).toBeDefined();
        officer = undefined;
        break;
      case 'DeclaredPersonaNonGrata':
        expect(officer).toBeDefined();
        if (officer !== undefined) officer.png = true;
        break;
      case 'PostingEnded':
        ended = true;
        break;
      default: {
        const unknown: never = event;
        throw new Error(`unexpected event ${JSON.stringify(unknown)}`);
      }
    }
  });
};

const historyOf = async (store: EventStore): Promise<DrugLiaisonPostingEvent[]> => {
  const loaded = await readStreamEvents(store, DrugLiaisonPosting, streamId);
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return loaded.right.events.map((r) => r.event);
};

const load = async (store: EventStore) => {
  const loaded = await loadState(store, DrugLiaisonPosting, postingId);
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return loaded.right;
};

describe('DrugLiaisonPosting, over random command sequences', () => {
  it('keeps its rules in every reached state, and the folded stream equals the handled state', async () => {
    // Every status any run reached: the generator must drive postings through their life,
    // or the checks prove little.
    const reached = new Set<string>();
    const statuses: DrugLiaisonPostingState['status'][] = [
      'unannounced',
      'announced',
      'officerNominated',
      'appointmentNotified',
      'hostApproved',
      'hostRefused',
      'onDuty',
      'declaredPersonaNonGrata',
      'officerRecalled',
      'ended',
    ];
    const missing = () => statuses.filter((status) => !reached.has(status));
    // Rounds of 60 random runs until every status was reached, at most five: a rare status
    // (a refusal by the host) is now and then missed by a single round.
    for (let round = 0; round < 5 && (round === 0 || missing().length > 0); round++) {
      await fc.assert(
        fc.asyncProperty(history, async (commands) => {
          const store = createKeyedInMemoryStore({ now: recordingIn2040 });
          let state: DrugLiaisonPostingState = DrugLiaisonPosting.initialState;
          let revision: bigint | undefined;
          for (const cmd of commands) {
            const result = await handleCommand(store, DrugLiaisonPosting, cmd, context());
            const loaded = await load(store);
            if (E.isLeft(result)) {
              // Every generated command is well formed: only a rule can refuse it, and a
              // refusal leaves the stream as it was.
              expect(result.left.kind).toBe('RuleViolated');
              expect(loaded.revision).toBe(revision);
              expect(loaded.state).toEqual(state);
            } else {
              if (state.status === 'ended')
                throw new Error(`${cmd.type} was accepted after the posting ended`);
              if (state.status === 'declaredPersonaNonGrata')
                expect(['RecallOfficer', 'EndPosting']).toContain(cmd.type);
              expect(result.right.events).toHaveLength(1);
              expect(loaded.state).toEqual(result.right.state);
              expect(loaded.revision).toBe(result.right.revision);
              state = result.right.state;
              revision = result.right.revision;
            }
            if (state.status === 'unannounced') expect(revision).toBeUndefined();
            reached.add(state.status);
            checkState(state);
          }
          checkHistory(await historyOf(store));
        }),
        { numRuns: 60 },
      );
    }
    expect(missing()).toEqual([]);
  });

  it('keeps the date rules of a tour for every combination of a few overlapping dates', async () => {
    // Years, months and days that overlap, so that "certainly before" is put to the test.
    const when = fc.constantFrom(
      '2026',
      '2026-01-15',
      '2026-03',
      '2026-06',
      '2026-06-30',
      '2027',
      '2027-09-30',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ from: when, to: when, newEnd: when, endedOn: when }),
        async ({ from, to, newEnd, endedOn }) => {
          const store = createKeyedInMemoryStore({ now: recordingIn2040 });
          const commands: DrugLiaisonPostingCommand[] = [
            {
              type: 'AnnouncePosting',
              postingId,
              sendingState: 'BH',
              hostState: 'PK',
              mission: 'Embassy of the Kingdom of Bahrain, Islamabad',
              hostApprovalRequired: false,
              occurredOn: '2025-09-10',
            },
            {
              type: 'NominateOfficer',
              postingId,
              officer: { title: 'Drug Liaison Officer', party: 'BH' },
              occurredOn: '2025-10',
            },
            { type: 'NotifyAppointment', postingId, noteVerbaleRef: 'NV 1', occurredOn: '2025-11' },
            { type: 'AssumeDuties', postingId, tourEndsOn: to, occurredOn: from },
            { type: 'ExtendTour', postingId, newEndsOn: newEnd, occurredOn: from },
            { type: 'EndPosting', postingId, reason: 'posting closed', occurredOn: endedOn },
          ];
          for (const cmd of commands) {
            const result = await handleCommand(store, DrugLiaisonPosting, cmd, context());
            if (E.isLeft(result)) expect(result.left.kind).toBe('RuleViolated');
            const loaded = await load(store);
            if (E.isRight(result)) expect(loaded.state).toEqual(result.right.state);
            checkState(loaded.state);
          }
          checkHistory(await historyOf(store));
        },
      ),
      { numRuns: 200 },
    );
  });
});
