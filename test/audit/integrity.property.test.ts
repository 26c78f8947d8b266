import * as fc from 'fast-check';
import { v4 as uuidv4 } from 'uuid';
import { verifyAll, verifyStream } from '../../src/audit/verify';
import { BilateralMeeting } from '../../src/domain/bilateral-meeting';
import { handleCommand } from '../../src/kernel/command-handler';
import type { StoredEvent } from '../../src/kernel/event-store';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context } from '../support/context';
import { collectAll, readOnlyStore } from '../support/read-only-store';

/** A history of 1–3 meetings, each with some facts, interleaved in a random order. */
const historyArb = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 14 });

const buildHistory = async (meetingOrder: readonly number[]): Promise<StoredEvent[]> => {
  const store = createInMemoryEventStore();
  const facts = new Map<number, number>();
  for (const m of meetingOrder) {
    const meetingId = `m${m}`;
    const n = facts.get(m);
    const command =
      n === undefined
        ? {
            type: 'RecordBilateralMeeting' as const,
            meetingId,
            parties: ['PK', 'BH'] as [string, string],
            hostParty: 'PK',
            venue: 'Islamabad',
            delegations: [],
            occurredOn: '2025-09-10',
          }
        : {
            type: 'NoteSourcedFact' as const,
            meetingId,
            factId: `f${n}`,
            statement: `fact ${n} of ${meetingId}`,
            occurredOn: '2025-09-10',
          };
    await handleCommand(store, BilateralMeeting, command, context());
    facts.set(m, (n ?? -1) + 1);
  }
  return collectAll(store);
};

type Tampering =
  | { kind: 'editData'; at: number }
  | { kind: 'editMetadata'; at: number }
  | { kind: 'delete'; at: number }
  | { kind: 'swap'; at: number }
  | { kind: 'insert'; at: number; copyOf: number };

const tamperingArb: fc.Arbitrary<Tampering> = fc.oneof(
  fc.record({ kind: fc.constant('editData' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('editMetadata' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), copyOf: fc.nat() }),
);

const nextInStream = (events: readonly StoredEvent[], i: number): number => {
  const streamId = events[i]?.streamId;
  return events.findIndex((e, j) => j > i && e.streamId === streamId);
};

const payload = ({ eventId, type, data, metadata }: StoredEvent) => ({
  eventId,
  type,
  data,
  metadata,
});

/**
 * Applies the tampering and says which event (by its place in the tampered list) verification
 * must name first, and with which problem; `undefined` when the chain cannot see it.
 */
const tamper = (
  events: readonly StoredEvent[],
  t: Tampering,
): { tampered: StoredEvent[]; expected?: { index: number; problem: string } } => {
  const out = [...events];
  const i = t.at % events.length;
  const target = events[i] as StoredEvent;
  switch (t.kind) {
    case 'editData': {
      const data = JSON.parse(target.data) as Record<string, unknown>;
      out[i] = {
        ...target,
        data: JSON.stringify({ ...data, venue: 'Lahore', statement: 'edited' }),
      };
      return { tampered: out, expected: { index: i, problem: 'dataAltered' } };
    }
    case 'editMetadata': {
      const metadata = JSON.parse(target.metadata) as Record<string, unknown>;
      out[i] = { ...target, metadata: JSON.stringify({ ...metadata, reason: 'quietly changed' }) };
      return { tampered: out, expected: { index: i, problem: 'eventAltered' } };
    }
    case 'delete': {
      const next = nextInStream(events, i);
      out.splice(i, 1);
      return {
        tampered: out,
        ...(next < 0 ? {} : { expected: { index: next - 1, problem: 'chainBroken' } }),
      };
    }
    case 'swap': {
      const j = nextInStream(events, i);
      if (j < 0) return tamper(events, { kind: 'editData', at: i });
      // The two events exchange places in their stream; revisions and positions stay where they were.
      out[i] = { ...target, ...payload(events[j] as StoredEvent) };
      out[j] = { ...(events[j] as StoredEvent), ...payload(target) };
      return { tampered: out, expected: { index: i, problem: 'chainBroken' } };
    }
    case 'insert': {
      const source = events[t.copyOf % events.length] as StoredEvent;
      // A forged event: a copy of another under a new id, placed after `i` in i's stream.
      out.splice(i + 1, 0, { ...source, streamId: target.streamId, eventId: uuidv4() });
      return { tampered: out, expected: { index: i + 1, problem: 'eventAltered' } };
    }
  }
};

describe('integrity verification', () => {
  it('finds an untouched history intact, with the same digest every time', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (order) => {
        const events = await buildHistory(order);
        const first = await verifyAll(readOnlyStore(events));
        const second = await verifyAll(readOnlyStore(events));
        expect(first.intact).toBe(true);
        expect(first.eventsChecked).toBe(events.length);
        expect(second.digest).toBe(first.digest);
      }),
      { numRuns: 30 },
    );
  });

  it('names the exact first bad event, whatever was tampered with', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, tamperingArb, async (order, tampering) => {
        const events = await buildHistory(order);
        const original = await verifyAll(readOnlyStore(events));
        const { tampered, expected } = tamper(events, tampering);
        const report = await verifyAll(readOnlyStore(tampered));
        if (expected === undefined) {
          // Removing the last event of a stream leaves every link whole: only the digest tells.
          expect(report.intact).toBe(true);
          expect(report.digest).not.toBe(original.digest);
          return;
        }
        const culprit = tampered[expected.index] as StoredEvent;
        expect(report.firstProblem).toMatchObject({
          problem: expected.problem,
          streamId: culprit.streamId,
          revision: culprit.revision,
          eventId: culprit.eventId,
        });
        expect(report.digest).not.toBe(original.digest);
        const stream = await verifyStream(readOnlyStore(tampered), culprit.streamId);
        expect(stream.firstProblem?.eventId).toBe(culprit.eventId);
      }),
      { numRuns: 150 },
    );
  });
});
