import * as E from 'fp-ts/Either';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import {
  auditTrail,
  createInMemoryEventStore,
  formatAuditEntry,
  ledgerEvents,
  type AuditEntry,
  type DecodeError,
} from '../../src';

const collect = async (
  trail: AsyncIterable<E.Either<DecodeError, AuditEntry>>,
): Promise<E.Either<DecodeError, AuditEntry>[]> => {
  const out: E.Either<DecodeError, AuditEntry>[] = [];
  for await (const entry of trail) out.push(entry);
  return out;
};

describe('the audit trail', () => {
  it('gives who, when, why and source for every event, in global order', async () => {
    const recordedAt = new Date('2025-09-11T09:30:00Z');
    const store = createInMemoryEventStore({ now: () => recordedAt });
    await recordPakistanBahrain2025(store);
    const entries = (await collect(auditTrail(store, ledgerEvents))).map((e) => {
      if (E.isLeft(e)) throw new Error(e.left.message);
      return e.right;
    });
    expect(entries.length).toBeGreaterThanOrEqual(11);
    const positions = entries.map((e) => e.position);
    expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(positions);
    const posting = entries.find((e) => e.eventType === 'DrugLiaisonPostingAnnounced');
    expect(posting).toMatchObject({
      streamId: 'DrugLiaisonPosting-bh-dlo-islamabad',
      revision: 0n,
      occurredOn: '2025-09-10',
      recordedAt,
      onBehalfOf: 'BH',
      actor: 'registrar@example.org',
      source: expect.objectContaining({ kind: 'newsReport' }),
    });
    // One correlation id ties the whole meeting together; each command is its own cause.
    expect(new Set(entries.map((e) => e.correlationId)).size).toBe(1);
    expect(new Set(entries.map((e) => e.causationId)).size).toBe(entries.length);
    expect(formatAuditEntry(posting as AuditEntry)).toBe(
      '2025-09-10 recorded 2025-09-11T09:30:00.000Z  DrugLiaisonPosting-bh-dlo-islamabad@0 DrugLiaisonPostingAnnounced  by registrar@example.org for BH: ' +
        "Bahrain's move to appoint a Drug Liaison Officer, as reported [UrduPoint / Pakistan Point News, 10 Sep 2025]",
    );
  });

  it('lists one stream on request, and nothing for a stream that does not exist', async () => {
    const store = createInMemoryEventStore();
    await recordPakistanBahrain2025(store);
    const mou = await collect(
      auditTrail(store, ledgerEvents, { streamId: 'MoU-pk-bh-extradition' }),
    );
    expect(mou.map((e) => E.isRight(e) && e.right.eventType)).toEqual(['MoUProposed']);
    expect(await collect(auditTrail(store, ledgerEvents, { streamId: 'MoU-none' }))).toEqual([]);
  });

  it('reports an undecodable event in its place and goes on', async () => {
    const store = createInMemoryEventStore();
    await recordPakistanBahrain2025(store);
    await store.appendToStream(
      'MoU-pk-bh-extradition',
      [
        {
          eventId: '3c3f1c2a-2b55-4c57-9d2c-5b7e0f6f0a01',
          type: 'MoUSigned',
          data: '{"party":"PK"}',
          metadata: '{}',
        },
      ],
      { expectedRevision: 0n },
    );
    await store.appendToStream(
      'MoU-later',
      [
        {
          eventId: '3c3f1c2a-2b55-4c57-9d2c-5b7e0f6f0a02',
          type: 'MoUWithdrawn',
          data: '{}',
          metadata: '{}',
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const entries = await collect(auditTrail(store, ledgerEvents));
    const bad = entries.filter(E.isLeft);
    expect(bad.map((e) => `${e.left.streamId}@${e.left.revision}`)).toEqual([
      'MoU-pk-bh-extradition@1',
      'MoU-later@0',
    ]);
    expect(bad[0]?.left.message).toContain('metadata.source: expected Source, got nothing');
    expect(entries.filter(E.isRight).length).toBeGreaterThanOrEqual(11);
  });
});
