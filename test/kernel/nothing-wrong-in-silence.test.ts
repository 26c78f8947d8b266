import * as E from 'fp-ts/Either';
import { v4 as uuidv4 } from 'uuid';
import {
  MoU,
  handleCommand,
  verifyAll,
  type CommandContext,
  type EventStore,
  type MoUCommand,
} from '../../src';
import { everyStore } from '../support/every-store';
import { context, snapshot } from '../support/context';

/**
 * Each input that once put a wrong record into a history, or lost a true one, while answering
 * success: on every store it is refused with a typed reason and leaves the stream as it was.
 */
const stores = everyStore();

const propose = (mouId: string, title = 'MoU on Extradition'): MoUCommand => ({
  type: 'ProposeMoU',
  mouId,
  title,
  subject: 'extradition',
  parties: ['PK', 'BH'],
  proposedBy: 'jointly',
  legalCharacter: 'undetermined',
  occurredOn: '2025-09-10',
});

const agree = (mouId: string): MoUCommand => ({
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

/** What a case sends: a command (or anything a caller might pass) and its context. */
interface Attempt {
  readonly command: unknown;
  readonly context: unknown;
}

interface Case {
  readonly name: string;
  /** Commands recorded first, each with a context of its own unless one is given. */
  readonly given: (mouId: string, ids: Ids) => readonly [MoUCommand, Partial<CommandContext>?][];
  readonly attempt: (mouId: string, ids: Ids) => Attempt;
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

const cases: readonly Case[] = [
  {
    name: "BH's signature sent under the command id of PK's",
    given: (mouId, ids) => [
      [propose(mouId)],
      [agree(mouId)],
      [sign(mouId, 'PK'), { commandId: ids.commandId }],
    ],
    attempt: (mouId, ids) => ({
      command: sign(mouId, 'BH'),
      context: valid({ commandId: ids.commandId, onBehalfOf: 'BH' }),
    }),
    refusal: { kind: 'CommandIdReused', mentions: 'MoUSigned at revision 2' },
  },
  {
    name: 'the same command id, in upper case, with another reason',
    given: (mouId, ids) => [[propose(mouId), { commandId: ids.commandId }]],
    attempt: (mouId, ids) => ({
      command: propose(mouId),
      context: valid({ commandId: ids.commandId.toUpperCase(), reason: 'another reason' }),
    }),
    refusal: { kind: 'CommandIdReused' },
  },
  {
    name: 'three parties to a bilateral MoU',
    given: () => [],
    attempt: (mouId) => ({
      command: { ...propose(mouId), parties: ['PK', 'BH', 'AE'] },
      context: valid(),
    }),
    refusal: { kind: 'InvalidCommand', mentions: 'ProposeMoU.parties' },
  },
  {
    name: 'a field the command does not have',
    given: () => [],
    attempt: (mouId) => ({
      command: { ...propose(mouId), expiresOn: '2030' },
      context: valid(),
    }),
    refusal: { kind: 'InvalidCommand', mentions: 'ProposeMoU.expiresOn' },
  },
  {
    name: 'AE recording a signature of the PK–BH MoU',
    given: (mouId) => [[propose(mouId)], [agree(mouId)]],
    attempt: (mouId) => ({ command: sign(mouId, 'PK'), context: valid({ onBehalfOf: 'AE' }) }),
    refusal: { kind: 'RuleViolated', rule: 'OnBehalfOfMustBeAParty' },
  },
  {
    name: 'AE recording the proposal of a PK–BH MoU',
    given: () => [],
    attempt: (mouId) => ({ command: propose(mouId), context: valid({ onBehalfOf: 'AE' }) }),
    refusal: { kind: 'RuleViolated', rule: 'OnBehalfOfMustBeAParty' },
  },
  {
    name: 'an act dated long after the moment it is recorded',
    given: (mouId) => [[propose(mouId)]],
    attempt: (mouId) => ({ command: { ...agree(mouId), occurredOn: '2999-01' }, context: valid() }),
    refusal: { kind: 'RuleViolated', rule: 'DatedAfterRecording' },
  },
  {
    name: 'null for a command',
    given: () => [],
    attempt: () => ({ command: null, context: valid() }),
    refusal: { kind: 'InvalidCommand' },
  },
  {
    name: 'undefined for a command',
    given: () => [],
    attempt: () => ({ command: undefined, context: valid() }),
    refusal: { kind: 'InvalidCommand' },
  },
  {
    name: 'null for a context',
    given: () => [],
    attempt: (mouId) => ({ command: propose(mouId), context: null }),
    refusal: { kind: 'InvalidCommand', mentions: 'context' },
  },
  {
    name: 'a value nested 10,000 deep',
    given: () => [],
    attempt: (mouId) => ({ command: { ...propose(mouId), title: deep(10_000) }, context: valid() }),
    refusal: { kind: 'InvalidCommand', mentions: 'levels deep' },
  },
  {
    name: 'an inherited enumerable property in the source',
    given: () => [],
    attempt: (mouId) => {
      const source = Object.create({ url: 'https://example.org/inherited' }) as object;
      Object.assign(source, { kind: 'newsReport', reference: 'UrduPoint, 10 Sep 2025' });
      return { command: propose(mouId), context: { ...valid(), source } };
    },
    refusal: { kind: 'InvalidCommand', mentions: 'context.source' },
  },
  {
    name: 'a proxy for a command',
    given: () => [],
    attempt: (mouId) => ({ command: new Proxy(propose(mouId), {}), context: valid() }),
    refusal: { kind: 'InvalidCommand', mentions: 'proxy' },
  },
  {
    name: 'a cyclic source',
    given: () => [],
    attempt: (mouId) => ({ command: propose(mouId), context: { ...valid(), source: cyclic() } }),
    refusal: { kind: 'InvalidCommand', mentions: 'context.source.self' },
  },
];

describe.each(stores)('on %s', (_name, open) => {
  let store: EventStore;
  beforeAll(() => {
    store = open();
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'refuses %s and writes nothing',
    async (_n, c) => {
      const mouId = `silence-${uuidv4()}`;
      const ids: Ids = { commandId: uuidv4() };
      for (const [command, overrides] of c.given(mouId, ids)) {
        const done = await handleCommand(store, MoU, command, valid(overrides));
        if (E.isLeft(done)) throw new Error(`setup ${command.type}: ${done.left.message}`);
      }
      const before = await snapshot(store, `MoU-${mouId}`);
      const { command, context: ctx } = c.attempt(mouId, ids);
      // The attempt is what a careless or hostile caller passes: not what the types allow.
      const result = await handleCommand(store, MoU, command as MoUCommand, ctx as CommandContext);
      expect(E.isLeft(result)).toBe(true);
      if (E.isRight(result)) return;
      expect(result.left.kind).toBe(c.refusal.kind);
      if (c.refusal.rule !== undefined)
        expect(result.left.kind === 'RuleViolated' && result.left.rule).toBe(c.refusal.rule);
      if (c.refusal.mentions !== undefined)
        expect(result.left.message).toContain(c.refusal.mentions);
      expect(await snapshot(store, `MoU-${mouId}`)).toEqual(before);
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

  it('keeps the store verifiable through every refusal', async () => {
    expect((await verifyAll(store)).intact).toBe(true);
  });
});
