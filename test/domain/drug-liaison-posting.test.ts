import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { handleCommand, loadState } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import {
  DrugLiaisonPosting,
  officerOnDuty,
  type DrugLiaisonPostingCommand,
  type DrugLiaisonPostingRule,
} from '../../src/domain/drug-liaison-posting';
import { createKeyedInMemoryStore } from '../support/keyed-store';
import { commandSpecification } from '../../src/testing';
import { context, recordingIn2040, snapshot } from '../support/context';

const postingId = 'bh-dlo-islamabad';
const streamId = `DrugLiaisonPosting-${postingId}`;

const announce: DrugLiaisonPostingCommand = {
  type: 'AnnouncePosting',
  postingId,
  sendingState: 'BH',
  hostState: 'PK',
  mission: 'Embassy of the Kingdom of Bahrain, Islamabad',
  hostApprovalRequired: true,
  occurredOn: '2025-09-10',
};
const announceWithoutApproval: DrugLiaisonPostingCommand = {
  ...announce,
  hostApprovalRequired: false,
};
const nominate: DrugLiaisonPostingCommand = {
  type: 'NominateOfficer',
  postingId,
  officer: { title: 'Drug Liaison Officer', party: 'BH', organisation: 'Ministry of Interior' },
  rank: 'Major',
  occurredOn: '2025-10',
};
const nominateSuccessor: DrugLiaisonPostingCommand = {
  type: 'NominateOfficer',
  postingId,
  officer: {
    title: 'Drug Liaison Officer',
    party: 'BH',
    holder: 'A. Successor',
    holderId: 'person:bh-dlo-2',
  },
  occurredOn: '2027-10-01',
};
const notify: DrugLiaisonPostingCommand = {
  type: 'NotifyAppointment',
  postingId,
  noteVerbaleRef: 'NV 2025/117',
  occurredOn: '2025-11-02',
};
const approve: DrugLiaisonPostingCommand = {
  type: 'GrantHostApproval',
  postingId,
  occurredOn: '2025-11-20',
};
const refuseApproval: DrugLiaisonPostingCommand = {
  type: 'RefuseHostApproval',
  postingId,
  reason: 'candidate not acceptable',
  occurredOn: '2025-11-20',
};
const assume: DrugLiaisonPostingCommand = {
  type: 'AssumeDuties',
  postingId,
  tourEndsOn: '2027-01-15',
  occurredOn: '2026-01-15',
};
const extend: DrugLiaisonPostingCommand = {
  type: 'ExtendTour',
  postingId,
  newEndsOn: '2027-09-30',
  occurredOn: '2026-11',
};
const recall: DrugLiaisonPostingCommand = {
  type: 'RecallOfficer',
  postingId,
  reason: 'end of tour',
  occurredOn: '2027-09-30',
};
const declarePng: DrugLiaisonPostingCommand = {
  type: 'DeclarePersonaNonGrata',
  postingId,
  occurredOn: '2026-06-01',
};
const end: DrugLiaisonPostingCommand = {
  type: 'EndPosting',
  postingId,
  reason: 'post abolished',
  occurredOn: '2029-06-30',
};

/** Runs commands that must all succeed, in order, on the given store. */
const given = async (store: EventStore, commands: readonly DrugLiaisonPostingCommand[]) => {
  for (const command of commands) {
    const result = await handleCommand(store, DrugLiaisonPosting, command, context());
    if (E.isLeft(result))
      throw new Error(`setup ${command.type} was refused: ${result.left.message}`);
  }
};

const stateOf = async (store: EventStore) => {
  const loaded = await loadState(store, DrugLiaisonPosting, postingId);
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return loaded.right.state;
};

describe('DrugLiaisonPosting', () => {
  it("records Bahrain's posting in Islamabad from announcement to end, through a successor", async () => {
    const store = createKeyedInMemoryStore({ now: recordingIn2040 });
    await given(store, [announce, nominate, notify, approve, assume, extend]);

    const serving = await stateOf(store);
    expect(serving.status).toBe('onDuty');
    expect(officerOnDuty(serving)).toEqual({
      post: { title: 'Drug Liaison Officer', party: 'BH', organisation: 'Ministry of Interior' },
      rank: 'Major',
      nominatedOn: '2025-10',
      notifiedRef: 'NV 2025/117',
      notifiedOn: '2025-11-02',
      approval: { decision: 'granted', on: '2025-11-20' },
      dutiesFrom: '2026-01-15',
      tourEndsOn: '2027-09-30',
      lastExtendedOn: '2026-11',
    });

    await given(store, [
      recall,
      nominateSuccessor,
      { ...notify, noteVerbaleRef: 'NV 2027/301', occurredOn: '2027-10-05' },
      { ...approve, occurredOn: '2027-10-20' },
      { ...assume, occurredOn: '2027-11-01', tourEndsOn: '2029-10-31' },
      end,
    ]);

    const ended = await stateOf(store);
    expect(ended.status).toBe('ended');
    if (ended.status === 'unannounced') throw new Error('the posting should be announced');
    expect(ended).toMatchObject({
      postingId,
      sendingState: 'BH',
      hostState: 'PK',
      mission: 'Embassy of the Kingdom of Bahrain, Islamabad',
      hostApprovalRequired: true,
      announcedOn: '2025-09-10',
      endedOn: '2029-06-30',
      endReason: 'post abolished',
    });
    expect(ended.currentOfficer?.post.holder).toBe('A. Successor');
    expect(ended.currentOfficer?.dutiesFrom).toBe('2027-11-01');
    expect(ended.formerOfficers).toHaveLength(1);
    expect(ended.formerOfficers[0]?.departure).toEqual({
      kind: 'recalled',
      on: '2027-09-30',
      reason: 'end of tour',
    });
    expect(officerOnDuty(ended)).toBeUndefined();

    const stored = await snapshot(store, streamId);
    expect(stored.map((e) => (e as { type: string }).type)).toEqual([
      'DrugLiaisonPostingAnnounced',
      'LiaisonOfficerNominated',
      'AppointmentNotified',
      'HostApprovalGranted',
      'DutiesAssumed',
      'TourExtended',
      'OfficerRecalled',
      'LiaisonOfficerNominated',
      'AppointmentNotified',
      'HostApprovalGranted',
      'DutiesAssumed',
      'PostingEnded',
    ]);
  });

  it('lets a notified officer assume duties directly where the host requires no approval', async () => {
    const store = createKeyedInMemoryStore({ now: recordingIn2040 });
    await given(store, [announceWithoutApproval, nominate, notify, assume]);
    const state = await stateOf(store);
    expect(state.status).toBe('onDuty');
    expect(officerOnDuty(state)?.approval).toBeUndefined();
  });

  it('records a declaration of persona non grata, the recall that follows and a successor', async () => {
    const store = createKeyedInMemoryStore({ now: recordingIn2040 });
    await given(store, [announce, nominate, notify, approve, assume, declarePng]);
    const declared = await stateOf(store);
    expect(declared.status).toBe('declaredPersonaNonGrata');
    expect(officerOnDuty(declared)).toBeUndefined();
    if (declared.status === 'unannounced') throw new Error('the posting should be announced');
    expect(declared.currentOfficer?.declaredPersonaNonGrataOn).toBe('2026-06-01');

    await given(store, [
      { ...recall, reason: 'declared persona non grata', occurredOn: '2026-06-03' },
    ]);
    const recalled = await stateOf(store);
    expect(recalled.status).toBe('officerRecalled');
    if (recalled.status === 'unannounced') throw new Error('the posting should be announced');
    expect(recalled.currentOfficer).toBeUndefined();
    expect(recalled.formerOfficers[0]?.officer.declaredPersonaNonGrataOn).toBe('2026-06-01');

    await given(store, [nominateSuccessor]);
    expect((await stateOf(store)).status).toBe('officerNominated');
  });

  it('ends a posting straight after a declaration of persona non grata', async () => {
    const store = createKeyedInMemoryStore({ now: recordingIn2040 });
    await given(store, [announce, nominate, declarePng, end]);
    expect((await stateOf(store)).status).toBe('ended');
  });

  it('frees the posting for a new nomination after the host refuses', async () => {
    const store = createKeyedInMemoryStore({ now: recordingIn2040 });
    await given(store, [announce, nominate, notify, refuseApproval]);
    const refused = await stateOf(store);
    expect(refused.status).toBe('hostRefused');
    if (refused.status === 'unannounced') throw new Error('the posting should be announced');
    expect(refused.currentOfficer).toBeUndefined();
    expect(refused.formerOfficers[0]?.officer.approval).toEqual({
      decision: 'refused',
      on: '2025-11-20',
      reason: 'candidate not acceptable',
    });
    await given(store, [nominateSuccessor]);
    expect((await stateOf(store)).status).toBe('officerNominated');
  });

  const onDuty = [announce, nominate, notify, approve, assume];
  const cases: ReadonlyArray<
    readonly [
      DrugLiaisonPostingRule,
      string,
      DrugLiaisonPostingCommand[],
      DrugLiaisonPostingCommand,
    ]
  > = [
    [
      'HostStateMustDifferFromSendingState',
      'a posting hosted by its own sending state',
      [],
      { ...announce, hostState: 'BH' },
    ],
    ['PostingAlreadyAnnounced', 'a second announcement', [announce], announce],
    ['PostingNotAnnounced', 'a nomination before the announcement', [], nominate],
    ['PostingHasEnded', 'a nomination after the end', [announce, end], nominate],
    ['PostingHasEnded', 'an extension after the end', [...onDuty, end], extend],
    [
      'OfficerAlreadyNominated',
      'a second officer while one is nominated',
      [announce, nominate],
      nominateSuccessor,
    ],
    ['OfficerAlreadyNominated', 'a second officer while one is on duty', onDuty, nominateSuccessor],
    [
      'OfficerMustActForSendingState',
      'an officer of the host state',
      [announce],
      { ...nominate, officer: { title: 'Drug Liaison Officer', party: 'PK' } },
    ],
    ['NoOfficerToNotify', 'a notification with no officer', [announce], notify],
    ['NoOfficerToNotify', 'a notification after the recall', [...onDuty, recall], notify],
    [
      'AppointmentAlreadyNotified',
      'a second notification',
      [announce, nominate, notify],
      { ...notify, noteVerbaleRef: 'NV 2025/118' },
    ],
    [
      'HostApprovalNotRequired',
      'an approval the host does not require',
      [announceWithoutApproval, nominate, notify],
      approve,
    ],
    [
      'HostApprovalNotRequired',
      'a refusal the host does not require',
      [announceWithoutApproval, nominate, notify],
      refuseApproval,
    ],
    [
      'ApprovalBeforeNotification',
      'an approval before notification',
      [announce, nominate],
      approve,
    ],
    [
      'ApprovalBeforeNotification',
      'a refusal before notification',
      [announce, nominate],
      refuseApproval,
    ],
    [
      'HostApprovalAlreadyDecided',
      'a second approval',
      [announce, nominate, notify, approve],
      approve,
    ],
    [
      'HostApprovalAlreadyDecided',
      'a refusal after approval',
      [announce, nominate, notify, approve],
      refuseApproval,
    ],
    [
      'HostApprovalAlreadyDecided',
      'an approval after a refusal',
      [announce, nominate, notify, refuseApproval],
      approve,
    ],
    [
      'DutiesBeforeNotification',
      'duties of a nominated, unnotified officer',
      [announceWithoutApproval, nominate],
      assume,
    ],
    ['DutiesBeforeNotification', 'duties with no officer', [announce], assume],
    [
      'DutiesBeforeHostApproval',
      'duties before the host approves',
      [announce, nominate, notify],
      assume,
    ],
    [
      'DutiesAfterHostRefusal',
      'duties after the host refused',
      [announce, nominate, notify, refuseApproval],
      assume,
    ],
    [
      'DutiesAfterPersonaNonGrata',
      'duties after a declaration of persona non grata',
      [announce, nominate, notify, approve, declarePng],
      assume,
    ],
    ['DutiesAlreadyAssumed', 'assuming duties twice', onDuty, assume],
    [
      'TourEndsBeforeDutiesStart',
      'a tour that ends before it starts',
      [announce, nominate, notify, approve],
      { ...assume, tourEndsOn: '2025-12' },
    ],
    [
      'NoOfficerToDeclarePersonaNonGrata',
      'persona non grata with no officer',
      [announce],
      declarePng,
    ],
    [
      'NoOfficerToDeclarePersonaNonGrata',
      'persona non grata of an officer the host refused',
      [announce, nominate, notify, refuseApproval],
      declarePng,
    ],
    [
      'OnlyRecallOrEndAfterPersonaNonGrata',
      'an extension after persona non grata',
      [...onDuty, declarePng],
      extend,
    ],
    [
      'OnlyRecallOrEndAfterPersonaNonGrata',
      'a new nomination before the recall',
      [announce, nominate, declarePng],
      nominateSuccessor,
    ],
    [
      'OnlyRecallOrEndAfterPersonaNonGrata',
      'a second declaration',
      [announce, nominate, declarePng],
      declarePng,
    ],
    [
      'ExtensionOnlyWhileOnDuty',
      'an extension before duties',
      [announce, nominate, notify, approve],
      extend,
    ],
    ['ExtensionOnlyWhileOnDuty', 'an extension after the recall', [...onDuty, recall], extend],
    [
      'ExtensionMustBeLater',
      'an extension to an earlier date',
      onDuty,
      { ...extend, newEndsOn: '2026-12-31' },
    ],
    [
      'ExtensionMustBeLater',
      'an extension to the same date',
      onDuty,
      { ...extend, newEndsOn: '2027-01-15' },
    ],
    [
      'ExtensionMustBeLater',
      'an extension to a date that may not be later',
      onDuty,
      { ...extend, newEndsOn: '2027-01' },
    ],
    ['NoOfficerToRecall', 'a recall with no officer', [announce], recall],
    ['NoOfficerToRecall', 'a second recall', [...onDuty, recall], recall],
    [
      'PostingEndBeforeStart',
      'an end before the announcement',
      [announce],
      { ...end, occurredOn: '2025-08' },
    ],
    [
      'PostingEndBeforeStart',
      'an end before the duties started',
      onDuty,
      { ...end, occurredOn: '2025-12-31' },
    ],
    [
      'PostingEndBeforeStart',
      "an end before a former officer's duties started",
      [...onDuty, { ...recall, occurredOn: '2026-02' }],
      { ...end, occurredOn: '2026-01-01' },
    ],
    // The found cases: each was accepted, dated before the step it depends on.
    [
      'DutiesBeforeNotification',
      'duties assumed on a date before the appointment was notified',
      [announceWithoutApproval, nominate, notify],
      { ...assume, occurredOn: '2025-11-01' },
    ],
    [
      'ApprovalBeforeNotification',
      'host approval dated before the notification',
      [announce, nominate, notify],
      { ...approve, occurredOn: '2025-10-30' },
    ],
    [
      'ApprovalBeforeNotification',
      'a host refusal dated before the notification',
      [announce, nominate, notify],
      { ...refuseApproval, occurredOn: '2025-10' },
    ],
    [
      'ExtensionAfterTourEnded',
      'a tour extended on a date after it had ended',
      onDuty,
      { ...extend, occurredOn: '2027-02' },
    ],
    [
      'DutiesBeforeHostApproval',
      'duties assumed before the approval was granted',
      [announce, nominate, notify, approve],
      { ...assume, occurredOn: '2025-11-19' },
    ],
    [
      'DatedBeforeAnnouncement',
      'a nomination before the announcement',
      [announce],
      { ...nominate, occurredOn: '2025-09-09' },
    ],
    [
      'DatedBeforeAnnouncement',
      'a declaration of persona non grata before the announcement',
      [announce, { ...nominate, occurredOn: '2025' }],
      { ...declarePng, occurredOn: '2025-08' },
    ],
    [
      'NominationBeforePreviousDeparture',
      'a successor nominated before the officer before was recalled',
      [...onDuty, recall],
      { ...nominateSuccessor, occurredOn: '2027-09-01' },
    ],
    [
      'NotificationBeforeNomination',
      'a notification before the nomination',
      [announce, nominate],
      { ...notify, occurredOn: '2025-09-30' },
    ],
    [
      'ExtensionBeforeDutiesStart',
      'an extension dated before the duties began',
      onDuty,
      { ...extend, occurredOn: '2026-01-10' },
    ],
    [
      'ExtensionBeforePreviousExtension',
      'an extension dated before the extension it extends',
      [...onDuty, extend],
      { ...extend, newEndsOn: '2028-06-30', occurredOn: '2026-10' },
    ],
    [
      'RecallBeforeEarlierStep',
      'a recall dated before the duties it ends began',
      onDuty,
      { ...recall, occurredOn: '2026-01-01' },
    ],
    [
      'PersonaNonGrataBeforeEarlierStep',
      'persona non grata dated before the officer assumed duties',
      onDuty,
      { ...declarePng, occurredOn: '2025-12' },
    ],
    [
      'PostingEndBeforeEarlierStep',
      'an end dated before the last officer was recalled',
      [...onDuty, recall],
      { ...end, occurredOn: '2027-09-29' },
    ],
    [
      'PostingEndBeforeEarlierStep',
      'an end dated before the officer was nominated',
      [announce, nominate],
      { ...end, occurredOn: '2025-09-30' },
    ],
  ];

  // Through the whole command handler: refused by the rule named, with an explanation, and
  // the stream left exactly as it was.
  const posting = commandSpecification(DrugLiaisonPosting, {
    recordedBy: context(),
    store: () => createKeyedInMemoryStore({ now: recordingIn2040 }),
  });
  it.each(cases)(
    'refuses %s (%s) and leaves the stream unchanged',
    async (rule, _, setup, command) => {
      await posting.given(setup).when(command).thenRefused(rule, /\S/);
    },
  );

  it('names every rule in a refusal test and on the reference page', () => {
    const tested = new Set(cases.map(([rule]) => rule));
    const rules: Record<DrugLiaisonPostingRule, true> = {
      HostStateMustDifferFromSendingState: true,
      PostingAlreadyAnnounced: true,
      PostingNotAnnounced: true,
      PostingHasEnded: true,
      OfficerAlreadyNominated: true,
      OfficerMustActForSendingState: true,
      NoOfficerToNotify: true,
      AppointmentAlreadyNotified: true,
      HostApprovalNotRequired: true,
      ApprovalBeforeNotification: true,
      HostApprovalAlreadyDecided: true,
      DutiesBeforeNotification: true,
      DutiesBeforeHostApproval: true,
      DutiesAfterHostRefusal: true,
      DutiesAfterPersonaNonGrata: true,
      DutiesAlreadyAssumed: true,
      TourEndsBeforeDutiesStart: true,
      NoOfficerToDeclarePersonaNonGrata: true,
      OnlyRecallOrEndAfterPersonaNonGrata: true,
      ExtensionOnlyWhileOnDuty: true,
      ExtensionMustBeLater: true,
      DatedBeforeAnnouncement: true,
      NominationBeforePreviousDeparture: true,
      NotificationBeforeNomination: true,
      PersonaNonGrataBeforeEarlierStep: true,
      ExtensionBeforeDutiesStart: true,
      ExtensionBeforePreviousExtension: true,
      ExtensionAfterTourEnded: true,
      RecallBeforeEarlierStep: true,
      PostingEndBeforeEarlierStep: true,
      NoOfficerToRecall: true,
      PostingEndBeforeStart: true,
    };
    expect([...tested].sort()).toEqual(Object.keys(rules).sort());
    // The reference page lists the same rules, so it cannot drift from the code.
    const page = readFileSync(
      join(__dirname, '../../docs/aggregates/drug-liaison-posting.md'),
      'utf8',
    );
    const rulesSection = page.slice(page.indexOf('## Rules'));
    const documented = [...rulesSection.matchAll(/^\| `(\w+)` +\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(rules).sort());
  });

  it('does not refuse on an imprecise date that may be right', async () => {
    const store = createKeyedInMemoryStore({ now: recordingIn2040 });
    await given(store, [
      announce,
      nominate,
      notify,
      approve,
      // The tour end "2026" may fall after 15 January 2026.
      { ...assume, tourEndsOn: '2026' },
      // Any day of "2027-01" is later than any day of "2026"; an extension in "2026-01" may
      // be on or after the start of duties.
      { ...extend, newEndsOn: '2027-01', occurredOn: '2026-01' },
      // An end in "2026-01" may be on or after the start of duties and the extension.
      { ...end, occurredOn: '2026-01' },
    ]);
    expect((await stateOf(store)).status).toBe('ended');
  });

  it.each([
    [
      'a party code that is not in ISO 3166-1',
      { ...announce, hostState: 'XX' },
      'AnnouncePosting.hostState',
    ],
    [
      "an officer's party code that is not in ISO 3166-1",
      { ...nominate, officer: { title: 'Drug Liaison Officer', party: 'ZZ' } },
      'NominateOfficer.officer.party',
    ],
    [
      'a date that does not exist',
      { ...announce, occurredOn: '2025-02-30' },
      'AnnouncePosting.occurredOn',
    ],
    [
      'a tour end that is no date',
      { ...assume, tourEndsOn: 'next year' },
      'AssumeDuties.tourEndsOn',
    ],
    ['an empty mission', { ...announce, mission: '  ' }, 'AnnouncePosting.mission'],
  ] as const)('refuses %s as an invalid command naming the path', async (_, command, path) => {
    const store = createKeyedInMemoryStore({ now: recordingIn2040 });
    await given(
      store,
      command.type === 'AnnouncePosting' ? [] : [announce, nominate, notify, approve],
    );
    const before = await snapshot(store, streamId);
    const result = await handleCommand(
      store,
      DrugLiaisonPosting,
      command as DrugLiaisonPostingCommand,
      context(),
    );
    expect(E.isLeft(result) && result.left.kind).toBe('InvalidCommand');
    const issues =
      E.isLeft(result) && result.left.kind === 'InvalidCommand' ? result.left.issues : [];
    expect(issues.map((i) => i.path)).toContain(path);
    expect(E.isLeft(result) && result.left.message).toContain(path);
    expect(await snapshot(store, streamId)).toEqual(before);
  });

  it('refuses a field a command does not carry instead of dropping it', async () => {
    const store = createKeyedInMemoryStore({ now: recordingIn2040 });
    await given(store, [announce]);
    const before = await snapshot(store, streamId);
    const officer = { title: 'Drug Liaison Officer', party: 'BH', note: 'not part of a post' };
    const result = await handleCommand(
      store,
      DrugLiaisonPosting,
      { ...nominate, officer } as DrugLiaisonPostingCommand,
      context({ onBehalfOf: 'BH' }),
    );
    expect(E.isLeft(result) && result.left.message).toContain('NominateOfficer.officer.note');
    expect(await snapshot(store, streamId)).toEqual(before);
  });
});
