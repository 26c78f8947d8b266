import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { handleCommand, loadState } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import {
  earliestDay,
  isCertainlyAfter,
  isCertainlyBefore,
  latestDay,
} from '../../src/kernel/partial-date';
import { MoU, isMoUClosed, isMoUInForce } from '../../src/domain/mou';
import type { MoUCommand, MoURecord, MoUState } from '../../src/domain/mou';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context, recordingIn2040, snapshot } from '../support/context';

const mouId = 'mou-property';
const streamId = `MoU-${mouId}`;

// A small world, so that random commands often fit the state they meet.
const parties = ['PK', 'BH', 'IN'] as const;
const dates = [
  '2025',
  '2025-09',
  '2025-09-10',
  '2025-12',
  '2026-01-15',
  '2026-06',
  '2027',
  '2030-12-31',
  '2031',
  '2031-01',
  '2031-02-01',
  '2031-06-30',
  '2035',
] as const;
const digests = ['one', 'two', 'three'].map((t) => createHash('sha256').update(t).digest('hex'));

const party = fc.constantFrom(...parties);
const date = fc.constantFrom(...dates);
// An optional field not chosen comes as an explicit `undefined`, which must never reach event data.
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined });

const propose: fc.Arbitrary<MoUCommand> = fc
  .record({
    first: party,
    second: party,
    proposedBy: party,
    legalCharacter: fc.constantFrom('nonBinding', 'treaty', 'undetermined' as const),
    occurredOn: date,
  })
  .map(({ first, second, ...rest }) => ({
    type: 'ProposeMoU',
    mouId,
    title: 'MoU on Police Training',
    subject: 'police training',
    parties: [first, second],
    ...rest,
  }));

const round: fc.Arbitrary<MoUCommand> = fc
  .record({ round: fc.integer({ min: 1, max: 4 }), occurredOn: date })
  .map((r) => ({ type: 'RecordNegotiationRound', mouId, venue: 'Islamabad', ...r }));

const terms = {
  textVersion: fc.integer({ min: 1, max: 3 }),
  textDigest: fc.constantFrom(...digests),
  noticePeriodDays: maybe(fc.constantFrom(30, 90, 400)),
  expiresOn: maybe(date),
  occurredOn: date,
};

const agreeText: fc.Arbitrary<MoUCommand> = fc
  .record(terms)
  .map((r) => ({ type: 'AgreeText', mouId, ...r }));

const amendText: fc.Arbitrary<MoUCommand> = fc
  .record(terms)
  .map((r) => ({ type: 'AmendText', mouId, summary: 'Article 2 reworded', ...r }));

const sign: fc.Arbitrary<MoUCommand> = fc
  .record({ party, postOf: maybe(party), occurredOn: date })
  .map(({ party: p, postOf, occurredOn }) => ({
    type: 'SignMoU',
    mouId,
    party: p,
    signatory: { title: 'Minister of Interior', party: postOf ?? p },
    place: 'Islamabad',
    occurredOn,
  }));

const enterIntoForce: fc.Arbitrary<MoUCommand> = fc
  .record({
    method: fc.constantFrom('onSignature', 'onNotification', 'onDate' as const),
    occurredOn: date,
  })
  .map((r) => ({ type: 'RecordEntryIntoForce', mouId, ...r }));

const extend: fc.Arbitrary<MoUCommand> = fc
  .record({ newExpiresOn: date, occurredOn: date })
  .map((r) => ({ type: 'ExtendTerm', mouId, ...r }));

const notice: fc.Arbitrary<MoUCommand> = fc
  .record({ party, effectiveOn: date, occurredOn: date })
  .map((r) => ({ type: 'GiveTerminationNotice', mouId, ...r }));

const terminate: fc.Arbitrary<MoUCommand> = date.map((occurredOn) => ({
  type: 'RecordTermination',
  mouId,
  occurredOn,
}));

const expire: fc.Arbitrary<MoUCommand> = date.map((occurredOn) => ({
  type: 'RecordExpiry',
  mouId,
  occurredOn,
}));

const withdraw: fc.Arbitrary<MoUCommand> = fc
  .record({ byParty: maybe(party), occurredOn: date })
  .map((r) => ({ type: 'WithdrawMoU', mouId, reason: 'talks broke down', ...r }));

const determine: fc.Arbitrary<MoUCommand> = fc
  .record({ legalCharacter: fc.constantFrom('nonBinding', 'treaty' as const), occurredOn: date })
  .map((r) => ({ type: 'DetermineLegalCharacter', mouId, basis: 'legal opinion', ...r }));

/** Commands with a field their type forbids, sent as a caller without the types could. */
const malformed: fc.Arbitrary<MoUCommand> = fc
  .tuple(
    fc.oneof(sign, notice, agreeText),
    fc.constantFrom<Record<string, unknown>>(
      { party: 'XX' },
      { occurredOn: '2025-02-30' },
      { textDigest: 'not-a-digest' },
    ),
  )
  .map(([command, patch]) => Object.assign({}, command, patch));

const anyCommand: fc.Arbitrary<MoUCommand> = fc.oneof(
  { arbitrary: propose, weight: 1 },
  { arbitrary: round, weight: 2 },
  { arbitrary: agreeText, weight: 2 },
  { arbitrary: amendText, weight: 2 },
  { arbitrary: sign, weight: 4 },
  { arbitrary: enterIntoForce, weight: 3 },
  { arbitrary: extend, weight: 2 },
  { arbitrary: notice, weight: 3 },
  { arbitrary: terminate, weight: 3 },
  { arbitrary: expire, weight: 3 },
  { arbitrary: withdraw, weight: 1 },
  { arbitrary: determine, weight: 1 },
  { arbitrary: malformed, weight: 1 },
);

// Valid openings to cut at a random point, so later stages are reached often.
const opening: readonly MoUCommand[] = [
  {
    type: 'ProposeMoU',
    mouId,
    title: 'MoU on Police Training',
    subject: 'police training',
    parties: ['PK', 'BH'],
    proposedBy: 'BH',
    legalCharacter: 'undetermined',
    occurredOn: '2025-09-10',
  },
  { type: 'RecordNegotiationRound', mouId, round: 1, venue: 'Manama', occurredOn: '2025-12' },
  {
    type: 'AgreeText',
    mouId,
    textVersion: 1,
    textDigest: digests[0] ?? '',
    noticePeriodDays: 30,
    expiresOn: '2030-12-31',
    occurredOn: '2025-12',
  },
  {
    type: 'SignMoU',
    mouId,
    party: 'PK',
    signatory: { title: 'Federal Minister for Interior', party: 'PK' },
    place: 'Islamabad',
    occurredOn: '2026-01-15',
  },
  {
    type: 'SignMoU',
    mouId,
    party: 'BH',
    signatory: { title: 'Minister of Interior', party: 'BH' },
    place: 'Islamabad',
    occurredOn: '2026-01-15',
  },
  { type: 'RecordEntryIntoForce', mouId, method: 'onSignature', occurredOn: '2026-01-15' },
];
const endings: readonly (readonly MoUCommand[])[] = [
  [
    {
      type: 'GiveTerminationNotice',
      mouId,
      party: 'PK',
      effectiveOn: '2031-06-30',
      occurredOn: '2031-01',
    },
    { type: 'RecordTermination', mouId, occurredOn: '2031-06-30' },
  ],
  [{ type: 'RecordExpiry', mouId, occurredOn: '2031-01' }],
];
const withdrawn: readonly MoUCommand[] = [
  ...opening.slice(0, 4),
  { type: 'WithdrawMoU', mouId, reason: 'talks broke down', occurredOn: '2026-06' },
];

const scenario = fc
  .record({
    script: fc.constantFrom(
      [...opening, ...(endings[0] ?? [])],
      [...opening, ...(endings[1] ?? [])],
      withdrawn,
    ),
    cut: fc.nat({ max: 8 }),
    tail: fc.array(anyCommand, { maxLength: 25 }),
  })
  .map(({ script, cut, tail }) => [...script.slice(0, cut), ...tail]);

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** What must hold in every state an MoU can reach. */
const checkRecord = (s: MoURecord): void => {
  expect(s.parties[0]).not.toBe(s.parties[1]);
  expect(s.parties).toContain(s.proposedBy);

  const rounds = s.rounds.map((r) => r.round);
  rounds.slice(1).forEach((r, i) => expect(r).toBeGreaterThan(rounds[i] ?? 0));

  const signers = s.signatures.map((x) => x.party);
  expect(new Set(signers).size).toBe(signers.length);
  for (const signature of s.signatures) {
    expect(s.parties).toContain(signature.party);
    expect(signature.signatory.party).toBe(signature.party);
    expect(s.text).toBeDefined();
    if (s.text !== undefined)
      expect(isCertainlyBefore(signature.signedOn, s.text.settledOn)).toBe(false);
  }
  if (s.status === 'partlySigned') expect(s.signatures).toHaveLength(1);
  if (s.status === 'signed') expect(s.signatures).toHaveLength(2);

  const enteredIntoForce =
    isMoUInForce(s.status) || s.status === 'terminated' || s.status === 'expired';
  expect(s.enteredIntoForceOn !== undefined).toBe(enteredIntoForce);
  if (s.enteredIntoForceOn !== undefined) {
    expect(s.signatures).toHaveLength(2);
    for (const signature of s.signatures)
      expect(isCertainlyBefore(s.enteredIntoForceOn, signature.signedOn)).toBe(false);
  }

  const notice = s.terminationNotice;
  if (notice !== undefined) {
    expect(s.enteredIntoForceOn).toBeDefined();
    expect(s.parties).toContain(notice.party);
    const period = s.text?.noticePeriodDays ?? 0;
    expect(dayNumber(latestDay(notice.effectiveOn))).toBeGreaterThanOrEqual(
      dayNumber(earliestDay(notice.givenOn)) + period,
    );
  }
  if (s.status === 'terminationNoticeGiven') expect(notice).toBeDefined();
  if (s.status === 'terminated') {
    expect(notice).toBeDefined();
    if (notice !== undefined && s.closedOn !== undefined)
      expect(isCertainlyBefore(s.closedOn, notice.effectiveOn)).toBe(false);
  }
  if (s.status === 'expired') {
    expect(s.expiresOn).toBeDefined();
    if (s.expiresOn !== undefined && s.closedOn !== undefined)
      expect(isCertainlyBefore(s.closedOn, s.expiresOn)).toBe(false);
  }
  expect(s.closedOn !== undefined).toBe(isMoUClosed(s.status));

  // Acts in order: no step certainly before the proposal, nor a round before the one before it.
  const notBefore = (later: string, earlier: string): void =>
    expect(isCertainlyBefore(later, earlier)).toBe(false);
  const steps = [
    ...s.rounds.map((r) => r.heldOn),
    ...(s.text === undefined ? [] : [s.text.settledOn]),
    ...s.signatures.map((x) => x.signedOn),
    ...(s.enteredIntoForceOn === undefined ? [] : [s.enteredIntoForceOn]),
    ...(s.terminationNotice === undefined ? [] : [s.terminationNotice.givenOn]),
    ...(s.closedOn === undefined ? [] : [s.closedOn]),
  ];
  for (const on of steps) notBefore(on, s.proposedOn);
  s.rounds.slice(1).forEach((r, i) => notBefore(r.heldOn, s.rounds[i]?.heldOn ?? r.heldOn));
  if (s.terminationNotice !== undefined && s.enteredIntoForceOn !== undefined)
    notBefore(s.terminationNotice.givenOn, s.enteredIntoForceOn);
  expect(s.withdrawal !== undefined).toBe(s.status === 'withdrawn');
};

/** What must hold between a state and the one that follows it. */
const checkStep = (before: MoUState, after: MoUState): void => {
  if (before.status === 'unproposed') return;
  expect(after.status).not.toBe('unproposed');
  if (after.status === 'unproposed') return;
  if (isMoUClosed(before.status)) expect(after).toEqual(before);
  if (before.signatures.length > 0) expect(after.text).toEqual(before.text);
  if (isMoUInForce(before.status) && after.expiresOn !== before.expiresOn) {
    expect(before.expiresOn).toBeDefined();
    expect(after.expiresOn).toBeDefined();
    if (before.expiresOn !== undefined && after.expiresOn !== undefined)
      expect(isCertainlyAfter(after.expiresOn, before.expiresOn)).toBe(true);
  }
  if (before.enteredIntoForceOn !== undefined)
    expect(after.enteredIntoForceOn).toBe(before.enteredIntoForceOn);
  expect(after.signatures.slice(0, before.signatures.length)).toEqual(before.signatures);
  expect(after.rounds.slice(0, before.rounds.length)).toEqual(before.rounds);
};

const stateIn = async (store: EventStore): Promise<MoUState> => {
  const loaded = await loadState(store, MoU, mouId);
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return loaded.right.state;
};

describe('MoU, under any sequence of commands', () => {
  it('keeps its rules in every state it reaches, and its history folds to the state it reports', async () => {
    const statusesReached = new Set<string>();
    const rulesSeen = new Set<string>();
    let accepted = 0;

    await fc.assert(
      fc.asyncProperty(scenario, async (commands) => {
        const store = createInMemoryEventStore({ now: recordingIn2040 });
        let state: MoUState = MoU.initialState;
        for (const command of commands) {
          const before = await snapshot(store, streamId);
          const result = await handleCommand(store, MoU, command, context());
          let next: MoUState;
          if (E.isRight(result)) {
            next = result.right.state;
            accepted += 1;
            // An accepted extension always moves the expiry, certainly later.
            if (command.type === 'ExtendTerm' && state.status !== 'unproposed') {
              expect(state.expiresOn).toBeDefined();
              if (state.expiresOn !== undefined)
                expect(isCertainlyAfter(command.newExpiresOn, state.expiresOn)).toBe(true);
            }
            expect(result.right.events.length).toBeGreaterThan(0);
            expect(await snapshot(store, streamId)).toHaveLength(
              before.length + result.right.events.length,
            );
          } else {
            expect(['RuleViolated', 'InvalidCommand']).toContain(result.left.kind);
            if (result.left.kind === 'RuleViolated') rulesSeen.add(result.left.rule);
            expect(await snapshot(store, streamId)).toEqual(before);
            next = state;
          }
          expect(await stateIn(store)).toEqual(next);
          if (state.status !== 'unproposed' && isMoUClosed(state.status))
            expect(E.isLeft(result)).toBe(true);
          checkStep(state, next);
          if (next.status !== 'unproposed') checkRecord(next);
          statusesReached.add(next.status);
          state = next;
        }
      }),
      {
        numRuns: 80,
        // The full scripts always run, so every final status is exercised.
        examples: [
          [[...opening, ...(endings[0] ?? [])]],
          [[...opening, ...(endings[1] ?? [])]],
          [withdrawn],
        ],
      },
    );

    expect([...statusesReached].sort()).toEqual(
      [
        'unproposed',
        'proposed',
        'negotiating',
        'textAgreed',
        'partlySigned',
        'signed',
        'inForce',
        'terminationNoticeGiven',
        'terminated',
        'expired',
        'withdrawn',
      ].sort(),
    );
    // The random commands must both pass and fail often enough to test something.
    expect(accepted).toBeGreaterThan(150);
    expect(rulesSeen.size).toBeGreaterThan(15);
  });
});
