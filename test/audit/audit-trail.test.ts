import * as E from 'fp-ts/Either';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import {
  MoU,
  auditTrail,
  createInMemoryEventStore,
  handleCommand,
  formatAuditEntry,
  ledgerEvents,
  type AuditEntry,
  type StoredEvent,
  type UnreadableAuditEntry,
} from '../../src';
import { context } from '../support/context';
import { collectAll, readOnlyStore } from '../support/read-only-store';

const collect = async (
  trail: AsyncIterable<E.Either<UnreadableAuditEntry, AuditEntry>>,
): Promise<E.Either<UnreadableAuditEntry, AuditEntry>[]> => {
  const out: E.Either<UnreadableAuditEntry, AuditEntry>[] = [];
  for await (const entry of trail) out.push(entry);
  return out;
};

describe('the audit trail', () => {
  it('gives who, when, why and source for every event, in global order', async () => {
    const recordedAt = new Date('2025-09-11T09:30:00Z');
    const store = createInMemoryEventStore({ now: () => recordedAt });
    await recordPakistanBahrain2025(store);
    const entries = (await collect(auditTrail(store, ledgerEvents))).map((e) => {
      if (E.isLeft(e)) throw new Error(e.left.error.message);
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
    expect(bad.map((e) => `${e.left.error.streamId}@${e.left.error.revision}`)).toEqual([
      'MoU-pk-bh-extradition@1',
      'MoU-later@0',
    ]);
    expect(bad[0]?.left.error.message).toContain('metadata.source: expected Source, got nothing');
    expect(bad.map((e) => e.left.integrity)).toEqual(['unreadable', 'unreadable']);
    expect(entries.filter(E.isRight).length).toBeGreaterThanOrEqual(11);
  });
});

describe('the audit trail, filtered and checked', () => {
  const history = async () => {
    let now = new Date('2025-09-11T09:00:00Z');
    const store = createInMemoryEventStore({ now: () => now });
    await recordPakistanBahrain2025(store);
    now = new Date('2026-02-03T10:00:00Z');
    const signed = await handleCommand(
      store,
      MoU,
      {
        type: 'AgreeText',
        mouId: 'pk-bh-extradition',
        textVersion: 1,
        textDigest: 'c'.repeat(64),
        occurredOn: '2026-01',
      },
      context(),
    );
    if (E.isLeft(signed)) throw new Error(signed.left.message);
    return store;
  };
  const rights = async (trail: AsyncIterable<E.Either<UnreadableAuditEntry, AuditEntry>>) =>
    (await collect(trail)).filter(E.isRight).map((e) => e.right);

  it('keeps to one aggregate type', async () => {
    const entries = await rights(auditTrail(await history(), ledgerEvents, { aggregate: 'MoU' }));
    expect(entries.map((e) => e.eventType)).toEqual([
      'MoUProposed',
      'MoUProposed',
      'MoUProposed',
      'MoUTextAgreed',
    ]);
  });

  it('keeps to what was recorded, or what happened, between two dates', async () => {
    const store = await history();
    const recorded = await rights(
      auditTrail(store, ledgerEvents, { recordedFrom: new Date('2026-01-01T00:00:00Z') }),
    );
    expect(recorded.map((e) => e.eventType)).toEqual(['MoUTextAgreed']);
    const occurred = await rights(
      auditTrail(store, ledgerEvents, { occurredFrom: '2026-01-15', occurredTo: '2026-12-31' }),
    );
    // Agreed in `2026-01`: it may have happened after 15 January, so it is shown.
    expect(occurred.map((e) => e.occurredOn)).toEqual(['2026-01']);
    const before = await rights(auditTrail(store, ledgerEvents, { occurredTo: '2025-12' }));
    expect(before.every((e) => e.occurredOn === '2025-09-10')).toBe(true);
    const all = await rights(auditTrail(store, ledgerEvents));
    expect(before).toHaveLength(all.length - 1);
  });

  it('says which entries have an integrity link that does not hold', async () => {
    const events = await collectAll(await history());
    const i = events.findIndex((e) => e.type === 'MoUTextAgreed');
    const target = events[i] as StoredEvent;
    const tampered = [...events];
    tampered[i] = { ...target, data: target.data.replace('"textVersion":1', '"textVersion":2') };
    const entries = await rights(auditTrail(readOnlyStore(tampered), ledgerEvents));
    expect(
      entries.filter((e) => e.integrity !== 'intact').map((e) => [e.eventType, e.integrity]),
    ).toEqual([['MoUTextAgreed', 'dataAltered']]);
    expect(formatAuditEntry(entries.at(-1) as AuditEntry)).toContain('INTEGRITY: dataAltered');
  });
});
