import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { handleCommand, loadState, readStreamEvents } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { isCertainlyBefore } from '../../src/kernel/partial-date';
import {
  BilateralMeeting,
  type BilateralMeetingCommand,
  type BilateralMeetingEvent,
  type BilateralMeetingState,
} from '../../src/domain/bilateral-meeting';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context, recordingIn2040 } from '../support/context';

const meetingId = 'pk-bh-interior-2025-09-10';
const streamId = `BilateralMeeting-${meetingId}`;

// A small space, so that many commands succeed and ids collide. Mostly Pakistan and Bahrain, now
// and then a third state or the same state twice, which the rules must keep out.
const party = fc.constantFrom('PK', 'BH', 'PK', 'BH', 'IN');
const date = fc.constantFrom('2025', '2025-09', '2025-09-10', '2025-09-11', '2025-08-31', '2026');
const post = fc.record({ title: fc.constantFrom('Minister of Interior', 'Ambassador'), party });

// The head usually acts for the delegation's own party; sometimes not, which must be refused.
const delegation = fc
  .record({
    party,
    title: fc.constantFrom('Minister of Interior', 'Ambassador'),
    headOfOtherParty: fc.option(party, { nil: undefined, freq: 4 }),
    members: fc.option(fc.array(post, { maxLength: 2 }), { nil: undefined }),
  })
  .map(({ party, title, headOfOtherParty, members }) => ({
    party,
    head: { title, party: headOfOtherParty ?? party },
    ...(members === undefined ? {} : { members }),
  }));

const meeting: fc.Arbitrary<BilateralMeetingCommand> = fc
  .record({
    parties: fc.constantFrom<[string, string]>(
      ['PK', 'BH'],
      ['BH', 'PK'],
      ['PK', 'BH'],
      ['PK', 'PK'],
      ['BH', 'IN'],
    ),
    hostParty: party,
    delegations: fc.array(delegation, { maxLength: 2 }),
    title: fc.option(fc.constant('Interior ministers meet'), { nil: undefined }),
    on: date,
  })
  .map(({ parties, hostParty, delegations, title, on }) => ({
    type: 'RecordBilateralMeeting',
    meetingId,
    parties,
    hostParty,
    venue: 'Ministry of Interior, Islamabad',
    delegations,
    ...(title === undefined ? {} : { title }),
    occurredOn: on,
  }));

const outcome: fc.Arbitrary<BilateralMeetingCommand> = fc
  .record({
    outcomeId: fc.constantFrom('jwg', 'mou-extradition', 'dlo'),
    kind: fc.constantFrom('agreed', 'decided', 'announced', 'welcomed', 'reaffirmed'),
    byParty: fc.option(party, { nil: undefined }),
    leadsTo: fc.option(
      fc.array(
        fc.record({
          aggregate: fc.constantFrom('JointWorkingGroup', 'MoU', 'DrugLiaisonPosting'),
          id: fc.constantFrom('jwg-pk-bh', 'mou-pk-bh-extradition', 'bh-dlo-islamabad'),
        }),
        { maxLength: 2 },
      ),
      { nil: undefined },
    ),
    on: date,
  })
  .map(({ outcomeId, kind, byParty, leadsTo, on }) => ({
    type: 'RecordMeetingOutcome',
    meetingId,
    outcomeId,
    kind,
    summary: `${kind} ${outcomeId}`,
    ...(byParty === undefined ? {} : { byParty }),
    ...(leadsTo === undefined ? {} : { leadsTo }),
    occurredOn: on,
  }));

const fact: fc.Arbitrary<BilateralMeetingCommand> = fc
  .record({
    factId: fc.constantFrom('anf-recovery', 'diaspora'),
    statedBy: fc.option(post, { nil: undefined }),
    on: date,
  })
  .map(({ factId, statedBy, on }) => ({
    type: 'NoteSourcedFact',
    meetingId,
    factId,
    statement: `statement ${factId}`,
    ...(statedBy === undefined ? {} : { statedBy }),
    occurredOn: on,
  }));

const commands = fc
  .tuple(
    meeting,
    fc.array(
      fc.oneof(
        { weight: 1, arbitrary: meeting },
        { weight: 3, arbitrary: outcome },
        { weight: 2, arbitrary: fact },
      ),
      { maxLength: 25 },
    ),
  )
  .map(([first, rest]) => [first, ...rest]);

/** What must hold in every state the handler reaches. */
const checkState = (state: BilateralMeetingState): void => {
  if (state.status === 'unrecorded') return;
  const [a, b] = state.parties;
  expect(a).not.toBe(b);
  expect(state.parties).toContain(state.hostParty);
  for (const d of state.delegations) {
    expect(state.parties).toContain(d.party);
    expect(d.head.party).toBe(d.party);
  }
  const outcomeIds = state.outcomes.map((o) => o.outcomeId);
  expect(new Set(outcomeIds).size).toBe(outcomeIds.length);
  const factIds = state.facts.map((f) => f.factId);
  expect(new Set(factIds).size).toBe(factIds.length);
  for (const o of state.outcomes)
    if (o.byParty !== undefined) expect(state.parties).toContain(o.byParty);
};

/** The rules again, on the stream itself, with a model independent of the state type. */
const checkHistory = (events: readonly BilateralMeetingEvent[]): void => {
  let heldOn: string | undefined;
  const outcomes = new Set<string>();
  const facts = new Set<string>();
  events.forEach((event, index) => {
    expect(event.type === 'BilateralMeetingHeld').toBe(index === 0);
    switch (event.type) {
      case 'BilateralMeetingHeld':
        heldOn = event.occurredOn;
        break;
      case 'MeetingOutcomeRecorded':
        expect(event.data.meetingId).toBe(meetingId);
        expect(outcomes.has(event.data.outcomeId)).toBe(false);
        outcomes.add(event.data.outcomeId);
        if (heldOn !== undefined) expect(isCertainlyBefore(event.occurredOn, heldOn)).toBe(false);
        break;
      case 'SourcedFactNoted':
        expect(event.data.meetingId).toBe(meetingId);
        expect(facts.has(event.data.factId)).toBe(false);
        facts.add(event.data.factId);
        break;
      default: {
        const unknown: never = event;
        throw new Error(`unexpected event ${JSON.stringify(unknown)}`);
      }
    }
  });
};

const historyOf = async (store: EventStore): Promise<BilateralMeetingEvent[]> => {
  const loaded = await readStreamEvents(store, BilateralMeeting, streamId);
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return loaded.right.events.map((r) => r.event);
};

const load = async (store: EventStore) => {
  const loaded = await loadState(store, BilateralMeeting, meetingId);
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return loaded.right;
};

describe('BilateralMeeting, over random command sequences', () => {
  it('keeps its rules in every reached state, and the folded stream equals the handled state', async () => {
    let meetingsHeld = 0;
    let outcomesRecorded = 0;
    let factsNoted = 0;
    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        const store = createInMemoryEventStore({ now: recordingIn2040 });
        let state: BilateralMeetingState = BilateralMeeting.initialState;
        let revision: bigint | undefined;
        for (const cmd of sequence) {
          const result = await handleCommand(store, BilateralMeeting, cmd, context());
          const loaded = await load(store);
          if (E.isLeft(result)) {
            // Well-formed commands are refused only by a rule, and a refusal writes nothing.
            expect(result.left.kind).toBe('RuleViolated');
            expect(loaded.revision).toBe(revision);
            expect(loaded.state).toEqual(state);
          } else {
            expect(result.right.events).toHaveLength(1);
            expect(loaded.state).toEqual(result.right.state);
            expect(loaded.revision).toBe(result.right.revision);
            state = result.right.state;
            revision = result.right.revision;
          }
          checkState(state);
        }
        checkHistory(await historyOf(store));
        if (state.status === 'held') {
          meetingsHeld++;
          outcomesRecorded += state.outcomes.length;
          factsNoted += state.facts.length;
        }
      }),
      { numRuns: 60 },
    );
    // The generator must get past the meeting itself, or the checks prove little.
    expect(meetingsHeld).toBeGreaterThan(0);
    expect(outcomesRecorded).toBeGreaterThan(0);
    expect(factsNoted).toBeGreaterThan(0);
  });
});
