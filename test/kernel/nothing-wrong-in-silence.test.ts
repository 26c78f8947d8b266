import * as E from 'fp-ts/Either';
import { v4 as uuidv4 } from 'uuid';
import {
  DrugLiaisonPosting,
  JointWorkingGroup,
  MoU,
  bilateralOverview,
  handleCommand,
  readCurrentStates,
  verifyAll,
  type CommandContext,
  type CommandFailure,
  type DrugLiaisonPostingCommand,
  type EventStore,
  type JointWorkingGroupCommand,
  type MoUCommand,
} from '../../src';
import { everyStore } from '../support/every-store';
import { context, snapshot } from '../support/context';

/**
 * Each input that once put a wrong record into a history, or lost a true one, while answering
 * success: on every store it is refused with a typed reason and leaves the stream as it was.
 */
const stores = everyStore();

type Of<Type extends MoUCommand['type']> = Extract<MoUCommand, { type: Type }>;

const propose = (mouId: string, title = 'MoU on Extradition'): Of<'ProposeMoU'> => ({
  type: 'ProposeMoU',
  mouId,
  title,
  subject: 'extradition',
  parties: ['PK', 'BH'],
  proposedBy: 'jointly',
  legalCharacter: 'undetermined',
  occurredOn: '2025-09-10',
});

const agree = (mouId: string): Of<'AgreeText'> => ({
  type: 'AgreeText',
  mouId,
  textVersion: 1,
  textDigest: 'a'.repeat(64),
  occurredOn: '2025-11',
});

const sign = (mouId: string, party: 'PK' | 'BH'): MoUCommand => ({
  type: 'SignMoU',
  mouId,
  party,
  signatory: {
    title: party === 'PK' ? 'Federal Minister for Interior' : 'Minister of Interior',
    party,
  },
  place: 'Islamabad',
  occurredOn: '2026-01-15',
});

/** A command of one of the engagements the cases work on. */
type Step =
  | { readonly on: 'MoU'; readonly command: MoUCommand }
  | { readonly on: 'JointWorkingGroup'; readonly command: JointWorkingGroupCommand }
  | { readonly on: 'DrugLiaisonPosting'; readonly command: DrugLiaisonPostingCommand };

const mou = (command: MoUCommand): Step => ({ on: 'MoU', command });
const jwg = (command: JointWorkingGroupCommand): Step => ({ on: 'JointWorkingGroup', command });
const posting = (command: DrugLiaisonPostingCommand): Step => ({
  on: 'DrugLiaisonPosting',
  command,
});

/** Runs a step, or sends its aggregate `instead.value`: whatever a careless caller might. */
const run = (
  store: EventStore,
  step: Step,
  ctx: unknown,
  instead?: { readonly value: unknown },
): Promise<E.Either<CommandFailure, unknown>> => {
  // What the attempt passes is not what the types allow: that is the point of the cases.
  const context = ctx as CommandContext;
  switch (step.on) {
    case 'MoU':
      return handleCommand(
        store,
        MoU,
        (instead === undefined ? step.command : instead.value) as MoUCommand,
        context,
      );
    case 'JointWorkingGroup':
      return handleCommand(
        store,
        JointWorkingGroup,
        (instead === undefined ? step.command : instead.value) as JointWorkingGroupCommand,
        context,
      );
    case 'DrugLiaisonPosting':
      return handleCommand(
        store,
        DrugLiaisonPosting,
        (instead === undefined ? step.command : instead.value) as DrugLiaisonPostingCommand,
        context,
      );
  }
};

/** What a case sends: a step (or, in `as`, anything a caller might pass for it) and a context. */
interface Attempt {
  readonly step: Step;
  readonly as?: unknown;
  readonly context: unknown;
}

interface Case {
  readonly name: string;
  /** Steps recorded first, each with a context of its own unless one is given. */
  readonly given: (id: string, ids: Ids) => readonly [Step, Partial<CommandContext>?][];
  readonly attempt: (id: string, ids: Ids) => Attempt;
  /** The failure expected: its kind, and for a rule its name. */
  readonly refusal: { readonly kind: string; readonly rule?: string; readonly mentions?: string };
}

/** Ids shared between a case's setup and its attempt. */
interface Ids {
  readonly commandId: string;
}

const valid = (overrides: Partial<CommandContext> = {}): CommandContext => context(overrides);

const deep = (levels: number): unknown => {
  let value: unknown = 'PK';
  for (let i = 0; i < levels; i++) value = { nested: value };
  return value;
};

const cyclic = (): unknown => {
  const source: Record<string, unknown> = { kind: 'newsReport', reference: 'UrduPoint' };
  source.self = source;
  return source;
};

const establish = (jwgId: string): JointWorkingGroupCommand => ({
  type: 'EstablishJointWorkingGroup',
  jwgId,
  name: 'Pakistan–Bahrain Joint Working Group',
  parties: ['PK', 'BH'],
  sectors: ['counterNarcotics'],
  occurredOn: '2025-09-10',
});

const addSector = (jwgId: string, custom: string): JointWorkingGroupCommand => ({
  type: 'AddSector',
  jwgId,
  sector: { custom },
  occurredOn: '2025-10',
});

const announce = (postingId: string, hostApprovalRequired = false): DrugLiaisonPostingCommand => ({
  type: 'AnnouncePosting',
  postingId,
  sendingState: 'BH',
  hostState: 'PK',
  mission: 'Embassy of the Kingdom of Bahrain, Islamabad',
  hostApprovalRequired,
  occurredOn: '2025-09-10',
});

const nominate = (postingId: string): DrugLiaisonPostingCommand => ({
  type: 'NominateOfficer',
  postingId,
  officer: { title: 'Drug Liaison Officer', party: 'BH' },
  occurredOn: '2025-10-01',
});

/** A posting announced, its officer nominated and the appointment notified on 15 Oct 2025. */
const notified = (announced: DrugLiaisonPostingCommand): [Step, Partial<CommandContext>][] => [
  [posting(announced), BH],
  [posting(nominate(announced.postingId)), BH],
  [
    posting({
      type: 'NotifyAppointment',
      postingId: announced.postingId,
      noteVerbaleRef: 'NV-2025-101',
      occurredOn: '2025-10-15',
    }),
    BH,
  ],
];

const designate = (
  jwgId: string,
  holder: string,
  occurredOn: string,
): JointWorkingGroupCommand => ({
  type: 'DesignateCoChair',
  jwgId,
  party: 'PK',
  post: {
    title: 'Federal Minister for Interior',
    party: 'PK',
    holder,
    // Ids of the record's own, never derived from the name.
    holderId: holder === 'Mohsin Naqvi' ? 'person:1' : 'person:2',
  },
  occurredOn,
});

const BH = { onBehalfOf: 'BH' };

const cases: readonly Case[] = [
  // 1. A command id reused with different content.
  {
    name: "BH's signature sent under the command id of PK's",
    given: (id, ids) => [
      [mou(propose(id))],
      [mou(agree(id))],
      [mou(sign(id, 'PK')), { commandId: ids.commandId }],
    ],
    attempt: (id, ids) => ({
      step: mou(sign(id, 'BH')),
      context: valid({ commandId: ids.commandId, onBehalfOf: 'BH' }),
    }),
    refusal: { kind: 'CommandIdReused', mentions: 'MoUSigned at revision 2' },
  },
  {
    name: 'the same command id, in upper case, with another reason',
    given: (id, ids) => [[mou(propose(id)), { commandId: ids.commandId }]],
    attempt: (id, ids) => ({
      step: mou(propose(id)),
      context: valid({ commandId: ids.commandId.toUpperCase(), reason: 'another reason' }),
    }),
    refusal: { kind: 'CommandIdReused' },
  },
  // 2. Party lists trimmed, and other fields dropped.
  {
    name: 'three parties to a bilateral MoU',
    given: () => [],
    attempt: (id) => ({
      step: mou(propose(id)),
      as: { ...propose(id), parties: ['PK', 'BH', 'AE'] },
      context: valid(),
    }),
    refusal: { kind: 'InvalidCommand', mentions: 'ProposeMoU.parties' },
  },
  {
    name: 'three parties to a joint working group',
    given: () => [],
    attempt: (id) => ({
      step: jwg(establish(id)),
      as: { ...establish(id), parties: ['PK', 'BH', 'AE'] },
      context: valid(),
    }),
    refusal: { kind: 'InvalidCommand', mentions: 'EstablishJointWorkingGroup.parties' },
  },
  {
    name: 'a field the command does not have',
    given: () => [],
    attempt: (id) => ({
      step: mou(propose(id)),
      as: { ...propose(id), expiresOn: '2030' },
      context: valid(),
    }),
    refusal: { kind: 'InvalidCommand', mentions: 'ProposeMoU.expiresOn' },
  },
  // ...and after the moment they are recorded.
  {
    name: 'an act dated long after the moment it is recorded',
    given: (id) => [[mou(propose(id))]],
    attempt: (id) => ({ step: mou({ ...agree(id), occurredOn: '2999-01' }), context: valid() }),
    refusal: { kind: 'RuleViolated', rule: 'DatedAfterRecording' },
  },
  // 3. Acts dated before the acts they depend on.
  {
    name: 'duties assumed before the appointment was notified',
    given: (id) => [...notified(announce(id))],
    attempt: (id) => ({
      step: posting({
        type: 'AssumeDuties',
        postingId: id,
        tourEndsOn: '2028-10',
        occurredOn: '2025-10-01',
      }),
      context: valid(BH),
    }),
    refusal: { kind: 'RuleViolated', rule: 'DutiesBeforeNotification' },
  },
  {
    name: 'host approval dated before the notification',
    given: (id) => [...notified(announce(id, true))],
    attempt: (id) => ({
      step: posting({ type: 'GrantHostApproval', postingId: id, occurredOn: '2025-10-01' }),
      context: valid(),
    }),
    refusal: { kind: 'RuleViolated', rule: 'ApprovalBeforeNotification' },
  },
  {
    name: 'a tour extended on a date after the tour had ended',
    given: (id) => [
      ...notified(announce(id)),
      [
        posting({
          type: 'AssumeDuties',
          postingId: id,
          tourEndsOn: '2025-12-31',
          occurredOn: '2025-11-01',
        }),
        BH,
      ],
    ],
    attempt: (id) => ({
      step: posting({
        type: 'ExtendTour',
        postingId: id,
        newEndsOn: '2027-12-31',
        occurredOn: '2026-03-01',
      }),
      context: valid(BH),
    }),
    refusal: { kind: 'RuleViolated', rule: 'ExtensionAfterTourEnded' },
  },
  {
    name: 'the text of an MoU agreed before it was proposed',
    given: (id) => [[mou(propose(id))]],
    attempt: (id) => ({ step: mou({ ...agree(id), occurredOn: '2025-08' }), context: valid() }),
    refusal: { kind: 'RuleViolated', rule: 'DatedBeforeProposal' },
  },
  {
    name: "a co-chair replaced before the current co-chair's designation",
    given: (id) => [[jwg(establish(id))], [jwg(designate(id, 'Mohsin Naqvi', '2025-11-01'))]],
    attempt: (id) => ({
      step: jwg(designate(id, 'Talal Chaudhry', '2025-10-01')),
      context: valid(),
    }),
    refusal: { kind: 'RuleViolated', rule: 'ReplacedBeforeDesignation' },
  },
  {
    name: 'a meeting scheduled, on the day of scheduling, for a day already past',
    given: (id) => [[jwg(establish(id))]],
    attempt: (id) => ({
      step: jwg({
        type: 'ScheduleMeeting',
        jwgId: id,
        round: 1,
        hostParty: 'BH',
        venue: 'Manama',
        scheduledOn: '2025-10-01',
        occurredOn: '2025-10-20',
      }),
      context: valid(),
    }),
    refusal: { kind: 'RuleViolated', rule: 'MeetingScheduledInThePast' },
  },
  // 4. Free text.
  {
    name: 'a NUL in a title',
    given: () => [],
    attempt: (id) => ({
      step: mou({ ...propose(id), title: 'MoU on\u0000Extradition' }),
      context: valid(),
    }),
    refusal: { kind: 'InvalidCommand', mentions: 'control character U+0000' },
  },
  {
    name: 'a right-to-left override disguising a title',
    given: () => [],
    attempt: (id) => ({
      step: mou({ ...propose(id), title: 'MoU on \u202Enoitidartxe' }),
      context: valid(),
    }),
    refusal: { kind: 'InvalidCommand', mentions: 'bidirectional control U+202E' },
  },
  {
    name: 'a reason of zero-width characters only',
    given: () => [],
    attempt: (id) => ({ step: mou(propose(id)), context: valid({ reason: '\u200C\u200D' }) }),
    refusal: { kind: 'InvalidCommand', mentions: 'context.reason' },
  },
  {
    name: 'a title of a million characters',
    given: () => [],
    attempt: (id) => ({
      step: mou({ ...propose(id), title: 'x'.repeat(1_000_000) }),
      context: valid(),
    }),
    refusal: { kind: 'InvalidCommand', mentions: 'is 1000000 characters long' },
  },
  {
    name: 'an actor with a control character',
    given: () => [],
    attempt: (id) => ({ step: mou(propose(id)), context: valid({ actor: 'registrar\u0007' }) }),
    refusal: { kind: 'InvalidCommand', mentions: 'context.actor' },
  },
  {
    name: 'the NFD spelling of a sector the group already covers',
    given: (id) => [[jwg(establish(id)), BH], [jwg(addSector(id, 'Sécurité maritime'))]],
    attempt: (id) => ({
      step: jwg(addSector(id, 'Sécurité maritime'.normalize('NFD'))),
      context: valid(),
    }),
    refusal: { kind: 'RuleViolated', rule: 'SectorAlreadyCovered' },
  },
  {
    name: 'a zero-width space inside a sector name',
    given: (id) => [[jwg(establish(id))], [jwg(addSector(id, 'Sécurité maritime'))]],
    attempt: (id) => ({ step: jwg(addSector(id, 'Sécurité\u200Bmaritime')), context: valid() }),
    refusal: { kind: 'InvalidCommand', mentions: 'invisible character U+200B' },
  },
  // 5. A record made on behalf of a state that is not a party.
  {
    name: 'AE recording a signature of the PK–BH MoU',
    given: (id) => [[mou(propose(id))], [mou(agree(id))]],
    attempt: (id) => ({ step: mou(sign(id, 'PK')), context: valid({ onBehalfOf: 'AE' }) }),
    refusal: { kind: 'RuleViolated', rule: 'OnBehalfOfMustBeAParty' },
  },
  {
    name: 'AE recording the proposal of a PK–BH MoU',
    given: () => [],
    attempt: (id) => ({ step: mou(propose(id)), context: valid({ onBehalfOf: 'AE' }) }),
    refusal: { kind: 'RuleViolated', rule: 'OnBehalfOfMustBeAParty' },
  },
  {
    name: 'AE announcing a posting of BH in PK',
    given: () => [],
    attempt: (id) => ({ step: posting(announce(id)), context: valid({ onBehalfOf: 'AE' }) }),
    refusal: { kind: 'RuleViolated', rule: 'OnBehalfOfMustBeAParty' },
  },
  // 6. Bad input that used to throw.
  {
    name: 'null for a command',
    given: () => [],
    attempt: (id) => ({ step: mou(propose(id)), as: null, context: valid() }),
    refusal: { kind: 'InvalidCommand' },
  },
  {
    name: 'undefined for a command',
    given: () => [],
    attempt: (id) => ({ step: mou(propose(id)), as: undefined, context: valid() }),
    refusal: { kind: 'InvalidCommand' },
  },
  {
    name: 'null for a context',
    given: () => [],
    attempt: (id) => ({ step: mou(propose(id)), context: null }),
    refusal: { kind: 'InvalidCommand', mentions: 'context' },
  },
  {
    name: 'a value nested 10,000 deep',
    given: () => [],
    attempt: (id) => ({
      step: mou(propose(id)),
      as: { ...propose(id), title: deep(10_000) },
      context: valid(),
    }),
    refusal: { kind: 'InvalidCommand', mentions: 'levels deep' },
  },
  {
    name: 'an inherited enumerable property in the source',
    given: () => [],
    attempt: (id) => {
      const source = Object.create({ url: 'https://example.org/inherited' }) as object;
      Object.assign(source, { kind: 'newsReport', reference: 'UrduPoint, 10 Sep 2025' });
      return { step: mou(propose(id)), context: { ...valid(), source } };
    },
    refusal: { kind: 'InvalidCommand', mentions: 'context.source' },
  },
  {
    name: 'a proxy for a command',
    given: () => [],
    attempt: (id) => ({ step: mou(propose(id)), as: new Proxy(propose(id), {}), context: valid() }),
    refusal: { kind: 'InvalidCommand', mentions: 'proxy' },
  },
  {
    name: 'a cyclic source',
    given: () => [],
    attempt: (id) => ({ step: mou(propose(id)), context: { ...valid(), source: cyclic() } }),
    refusal: { kind: 'InvalidCommand', mentions: 'context.source.self' },
  },
];

const streamOf = (step: Step, id: string): string => `${step.on}-${id}`;

describe.each(stores)('on %s', (_name, open) => {
  let store: EventStore;
  beforeAll(async () => {
    store = await open();
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'refuses %s and writes nothing',
    async (_n, c) => {
      const id = `silence-${uuidv4()}`;
      const ids: Ids = { commandId: uuidv4() };
      for (const [step, overrides] of c.given(id, ids)) {
        const done = await run(store, step, valid(overrides));
        if (E.isLeft(done)) throw new Error(`setup ${step.command.type}: ${done.left.message}`);
      }
      const attempt = c.attempt(id, ids);
      const streamId = streamOf(attempt.step, id);
      const before = await snapshot(store, streamId);
      const result = await run(
        store,
        attempt.step,
        attempt.context,
        'as' in attempt ? { value: attempt.as } : undefined,
      );
      expect(E.isLeft(result)).toBe(true);
      if (E.isRight(result)) return;
      expect(result.left.kind).toBe(c.refusal.kind);
      if (c.refusal.rule !== undefined)
        expect(result.left.kind === 'RuleViolated' && result.left.rule).toBe(c.refusal.rule);
      if (c.refusal.mentions !== undefined)
        expect(result.left.message).toContain(c.refusal.mentions);
      expect(await snapshot(store, streamId)).toEqual(before);
    },
  );

  it('gives two MoUs proposed under one command id events with ids of their own', async () => {
    const commandId = uuidv4();
    const first = `silence-${uuidv4()}`;
    const second = `silence-${uuidv4()}`;
    const a = await handleCommand(store, MoU, propose(first), valid({ commandId }));
    const b = await handleCommand(
      store,
      MoU,
      propose(second, 'MoU on Mutual Legal Assistance'),
      valid({ commandId }),
    );
    expect([E.isRight(a), E.isRight(b)]).toEqual([true, true]);
    const [eventA] = (await snapshot(store, `MoU-${first}`)) as { eventId: string }[];
    const [eventB] = (await snapshot(store, `MoU-${second}`)) as { eventId: string }[];
    expect(eventA?.eventId).toBeDefined();
    expect(eventA?.eventId).not.toBe(eventB?.eventId);
  });

  it('stores a title trimmed and in NFC, and takes its NFD retry for the same command', async () => {
    const id = `silence-${uuidv4()}`;
    const ctx = valid();
    const spaced = await handleCommand(
      store,
      MoU,
      { ...propose(id), title: '  Sécurité maritime  '.normalize('NFD') },
      ctx,
    );
    expect(E.isRight(spaced) && spaced.right.events[0]?.data).toMatchObject({
      title: 'Sécurité maritime',
    });
    const [stored] = (await snapshot(store, `MoU-${id}`)) as { data: string }[];
    expect(JSON.parse(stored?.data ?? '{}')).toMatchObject({
      title: 'Sécurité maritime'.normalize('NFC'),
    });
    const retry = await handleCommand(
      store,
      MoU,
      { ...propose(id), title: 'Sécurité maritime' },
      ctx,
    );
    expect(E.isRight(retry) && retry.right.alreadyHandled).toBe(true);
  });

  it('answers an exact retry, in any case of its command id, without writing', async () => {
    const mouId = `silence-${uuidv4()}`;
    const ctx = valid();
    const first = await handleCommand(store, MoU, propose(mouId), ctx);
    const before = await snapshot(store, `MoU-${mouId}`);
    const retry = await handleCommand(store, MoU, propose(mouId), {
      ...ctx,
      commandId: ctx.commandId.toUpperCase(),
    });
    expect(E.isRight(retry) && retry.right.alreadyHandled).toBe(true);
    expect(E.isRight(retry) && E.isRight(first) && retry.right.events).toEqual(
      E.isRight(first) && first.right.events,
    );
    expect(await snapshot(store, `MoU-${mouId}`)).toEqual(before);
  });

  it('shows two rounds in a row at one host, and a group gone dormant, in the overview', async () => {
    const id = `silence-${uuidv4()}`;
    const held = (round: number, occurredOn: string): Step =>
      jwg({
        type: 'RecordMeetingHeld',
        jwgId: id,
        round,
        hostParty: 'BH',
        venue: 'Manama',
        delegations: [],
        occurredOn,
      });
    for (const step of [jwg(establish(id)), held(1, '2025-11-20'), held(2, '2026-02-10')]) {
      const done = await run(store, step, valid());
      if (E.isLeft(done)) throw new Error(`setup ${step.command.type}: ${done.left.message}`);
    }
    const states = await readCurrentStates(store);
    if (E.isLeft(states)) throw new Error(states.left.message);
    const overview = bilateralOverview(states.right, ['PK', 'BH'], { asOf: '2027-03-01' });
    const group = overview.jointWorkingGroups.find((g) => g.jwgId === id);
    expect(group?.warnings).toEqual([
      expect.objectContaining({ kind: 'sameHostTwiceInARow', hostParty: 'BH' }),
    ]);
    expect(group?.dormancy).toMatchObject({
      dormant: true,
      quietSince: '2026-02-10',
      lastRound: 2,
    });
  });

  it('keeps the store verifiable through every refusal', async () => {
    expect((await verifyAll(store)).intact).toBe(true);
  });
});
