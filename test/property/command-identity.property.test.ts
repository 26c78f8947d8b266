import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  BilateralMeeting,
  createInMemoryEventStore,
  createStateCache,
  handleCommand,
  type BilateralMeetingCommand,
  type HandleCommandOptions,
  type StoredEvent,
} from '../../src';
import { context } from '../support/context';

/**
 * Command ids reused at random, across two streams, with the same or other content: the handler
 * must answer exactly as a model of "a command id stands for its content, within its stream"
 * says, never lose a recorded fact, and never write two events with one id.
 */
const commandIds = [
  '0b4f7a52-6c1e-4f0e-9d7a-1c2b3d4e5f60',
  '1c5a8b63-7d2f-4a1b-8e8b-2d3c4e5f6071',
  '2d6b9c74-8e3a-4b2c-9f9c-3e4d5f607182',
] as const;

const step = fc.record({
  meetingId: fc.constantFrom('m1', 'm2'),
  factId: fc.constantFrom('f1', 'f2', 'f3', 'f4'),
  statement: fc.constantFrom('the ANF recovered $146 million', 'over 120,000 Pakistanis'),
  reason: fc.constantFrom('noting a fact', 'noting it again'),
  commandId: fc.constantFrom(...commandIds),
  upperCase: fc.boolean(),
});

const meeting = (meetingId: string): BilateralMeetingCommand => ({
  type: 'RecordBilateralMeeting',
  meetingId,
  parties: ['PK', 'BH'],
  hostParty: 'PK',
  venue: 'Islamabad',
  delegations: [],
  occurredOn: '2025-09-10',
});

const everyEvent = async (store: ReturnType<typeof createInMemoryEventStore>) => {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

describe.each([
  ['without a state cache', (): HandleCommandOptions => ({})],
  ['with a state cache', (): HandleCommandOptions => ({ cache: createStateCache() })],
])('command identity %s', (_, makeOptions) => {
  it('answers every reuse as the model says, losing nothing and repeating no event id', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const store = createInMemoryEventStore();
        const options = makeOptions();
        for (const id of ['m1', 'm2'])
          await handleCommand(store, BilateralMeeting, meeting(id), context(), options);
        // (meeting, command id) → the content it stands for; meeting → facts noted.
        const used = new Map<string, string>();
        const facts = new Map<string, Set<string>>([
          ['m1', new Set()],
          ['m2', new Set()],
        ]);
        let recorded = 2;
        for (const s of steps) {
          const key = `${s.meetingId}|${s.commandId}`;
          const content = `${s.factId}|${s.statement}|${s.reason}`;
          const before = (await everyEvent(store)).length;
          const result = await handleCommand(
            store,
            BilateralMeeting,
            {
              type: 'NoteSourcedFact',
              meetingId: s.meetingId,
              factId: s.factId,
              statement: s.statement,
              occurredOn: '2025-09-10',
            },
            context({
              commandId: s.upperCase ? s.commandId.toUpperCase() : s.commandId,
              reason: s.reason,
            }),
            options,
          );
          const earlier = used.get(key);
          const noted = facts.get(s.meetingId) ?? new Set<string>();
          if (earlier !== undefined && earlier === content)
            expect(E.isRight(result) && result.right.alreadyHandled).toBe(true);
          else if (earlier !== undefined)
            expect(E.isLeft(result) && result.left.kind).toBe('CommandIdReused');
          else if (noted.has(s.factId))
            expect(
              E.isLeft(result) && result.left.kind === 'RuleViolated' && result.left.rule,
            ).toBe('FactAlreadyNoted');
          else {
            expect(E.isRight(result) && !result.right.alreadyHandled).toBe(true);
            used.set(key, content);
            noted.add(s.factId);
            recorded++;
          }
          const after = (await everyEvent(store)).length;
          expect(after - before).toBe(recorded - before);
        }
        const events = await everyEvent(store);
        expect(events).toHaveLength(recorded);
        expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
      }),
      { numRuns: 60 },
    );
  });
});
