import * as E from 'fp-ts/Either';
import { readFileSync } from 'node:fs';
import { verifyAll } from '../../src/audit/verify';
import { BilateralMeeting } from '../../src/domain/bilateral-meeting';
import { DrugLiaisonPosting } from '../../src/domain/drug-liaison-posting';
import { JointWorkingGroup } from '../../src/domain/joint-working-group';
import { MoU, PLACE_NOT_RECORDED, type MoUState } from '../../src/domain/mou';
import { handleCommand, loadState } from '../../src/kernel/command-handler';
import type { DomainEvent, EventCatalog } from '../../src/kernel/event';
import { categoryOf } from '../../src/kernel/event-registry';
import type { EventStore, StoredEvent } from '../../src/kernel/event-store';
import { IntegrityLink, sealEvent } from '../../src/kernel/integrity';
import { decodeRecordedEvent, encodeEvent } from '../../src/kernel/recorded-event';
import { bilateralOverview } from '../../src/projections/bilateral-overview';
import { readCurrentStates } from '../../src/projections/current-states';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import {
  PAKISTAN_BAHRAIN_V1_PATH,
  pakistanBahrainV1Text,
  type FixtureLine,
} from '../fixtures/generate-pakistan-bahrain-v1';
import { context } from '../support/context';

const committed = readFileSync(PAKISTAN_BAHRAIN_V1_PATH, 'utf8');
const fixture = (): FixtureLine[] =>
  committed
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as FixtureLine);

/** Appends every line through the store port, data and metadata exactly as recorded. */
const load = async (lines: readonly FixtureLine[]): Promise<EventStore> => {
  const store = createInMemoryEventStore();
  for (const line of lines)
    await store.appendToStream(
      line.streamId,
      [
        {
          eventId: line.eventId,
          type: line.type,
          data: JSON.stringify(line.data),
          metadata: JSON.stringify(line.metadata),
        },
      ],
      { expectedRevision: line.revision === 0 ? 'no_stream' : BigInt(line.revision - 1) },
    );
  return store;
};

const storedText = async (store: EventStore): Promise<string[]> => {
  const out: string[] = [];
  for await (const e of store.readAll()) out.push(`${e.data}\n${e.metadata}`);
  return out;
};

const storedOf = (line: FixtureLine): StoredEvent => ({
  streamId: line.streamId,
  revision: BigInt(line.revision),
  position: 0n,
  eventId: line.eventId,
  type: line.type,
  data: JSON.stringify(line.data),
  metadata: JSON.stringify(line.metadata),
  recordedAt: new Date(0),
});

/** Decodes a stored event and encodes it again with today's `encodeEvent`: its new seal. */
const reseal = <Ev extends DomainEvent>(
  catalog: EventCatalog<Ev>,
  stored: StoredEvent,
): IntegrityLink => {
  const decoded = decodeRecordedEvent(catalog, stored);
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  const {
    occurredOn: _o,
    schemaVersion: _v,
    recordedAt: _r,
    integrity,
    ...who
  } = decoded.right.metadata;
  const encoded = encodeEvent(catalog, decoded.right.event, {
    streamId: stored.streamId,
    eventId: stored.eventId,
    previousHash: integrity.previousHash,
    recordedAt: stored.recordedAt,
    metadata: who,
  });
  if (E.isLeft(encoded)) throw new Error(`${encoded.left.kind}: ${encoded.left.message}`);
  return encoded.right.integrity;
};
const resealers = new Map<string, (stored: StoredEvent) => IntegrityLink>([
  [BilateralMeeting.name, (s) => reseal(BilateralMeeting.events, s)],
  [JointWorkingGroup.name, (s) => reseal(JointWorkingGroup.events, s)],
  [MoU.name, (s) => reseal(MoU.events, s)],
  [DrugLiaisonPosting.name, (s) => reseal(DrugLiaisonPosting.events, s)],
]);

const mouId = 'pk-bh-extradition';
const signed = (state: MoUState) => {
  if (state.status === 'unproposed') throw new Error('the MoU should have been proposed');
  return state;
};

describe('the committed Pakistan–Bahrain history in the old MoUSigned schema', () => {
  it('is exactly what its generator writes', () => {
    expect(committed).toBe(pakistanBahrainV1Text());
  });

  it('holds MoUSigned at schema version 1, without a place, and nothing newer', () => {
    const lines = fixture();
    const signatures = lines.filter((l) => l.type === 'MoUSigned');
    expect(signatures.map((l) => l.data.party)).toEqual(['PK', 'BH']);
    for (const line of signatures) {
      expect(line.metadata.schemaVersion).toBe(1);
      expect(line.data).not.toHaveProperty('place');
    }
    expect(lines.every((l) => l.metadata.schemaVersion === 1)).toBe(true);
    expect(MoU.events.lookup('MoUSigned')?.schemaVersion).toBe(2);
  });

  // The fixture's links are version 1; today's encodeEvent writes version 2, which also seals
  // `recordedAt`. The data digest is the same in both.
  it('seals the data of every event as encodeEvent does for the schemas that have not changed', () => {
    const unchanged = fixture().filter((l) => l.type !== 'MoUSigned');
    expect(unchanged).toHaveLength(12);
    // Names were written in plain text then; today's writer seals them under their subject's
    // key, and refuses a name that comes without its subject's id rather than write it bare.
    const named = unchanged.filter((l) => JSON.stringify(l.data).includes('"holder"'));
    expect(named.map((l) => l.type)).toEqual([
      'BilateralMeetingHeld',
      'SourcedFactNoted',
      'SourcedFactNoted',
    ]);
    for (const line of unchanged) {
      const reseal = resealers.get(categoryOf(line.streamId));
      if (reseal === undefined) throw new Error(`no aggregate for ${line.streamId}`);
      if (named.includes(line)) {
        expect(() => reseal(storedOf(line))).toThrow(
          /^PersonalDataRefused: .*needs the id of its data subject/,
        );
        continue;
      }
      expect(reseal(storedOf(line)).dataHash).toEqual(
        (line.metadata.integrity as { dataHash?: unknown } | undefined)?.dataHash,
      );
      expect(line.metadata.integrity).not.toHaveProperty('version');
    }
  });

  it('verifies intact, before and after it is read into today’s types', async () => {
    const store = await load(fixture());
    const before = await verifyAll(store);
    expect(before).toMatchObject({ intact: true, eventsChecked: 14 });
    const storedBefore = await storedText(store);
    expect(E.isRight(await loadState(store, MoU, mouId))).toBe(true);
    expect(E.isRight(await readCurrentStates(store))).toBe(true);
    // Reading upcasts in memory only: the stored text and the digest are unchanged.
    expect(await storedText(store)).toEqual(storedBefore);
    expect((await verifyAll(store)).digest).toBe(before.digest);
  });

  it('replays into today’s MoU state: both signatures, their place marked as not recorded', async () => {
    const store = await load(fixture());
    const loaded = await loadState(store, MoU, mouId);
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    const mou = signed(loaded.right.state);
    expect(mou.status).toBe('signed');
    expect(mou.signatures).toEqual([
      {
        party: 'PK',
        signatory: { title: 'Federal Minister for Interior', party: 'PK' },
        place: PLACE_NOT_RECORDED,
        signedOn: '2026-01-15',
      },
      {
        party: 'BH',
        signatory: { title: 'Minister of Interior', party: 'BH' },
        place: PLACE_NOT_RECORDED,
        signedOn: '2026-01-15',
      },
    ]);
    expect(loaded.right.revision).toBe(3n);
  });

  it('shows the signatures in the current states and the bilateral overview', async () => {
    const states = await readCurrentStates(await load(fixture()));
    if (E.isLeft(states)) throw new Error(states.left.message);
    const mou = signed(states.right.mous.get(mouId) ?? { status: 'unproposed' });
    expect(mou.signatures.map((s) => [s.party, s.place])).toEqual([
      ['PK', PLACE_NOT_RECORDED],
      ['BH', PLACE_NOT_RECORDED],
    ]);
    const overview = bilateralOverview(states.right, ['PK', 'BH']);
    const summary = overview.mous.find((m) => m.mouId === mouId);
    expect(summary).toMatchObject({ status: 'signed', signedBy: ['PK', 'BH'], yetToSign: [] });
    expect(overview.mous.filter((m) => m.status === 'proposed')).toHaveLength(2);
  });

  it('takes new events after the old ones, chained to them, and keeps the MoU rules', async () => {
    const store = await load(fixture());
    const again = await handleCommand(
      store,
      MoU,
      {
        type: 'SignMoU',
        mouId,
        party: 'PK',
        signatory: { title: 'Federal Minister for Interior', party: 'PK' },
        place: 'Manama',
        occurredOn: '2026-01-16',
      },
      context(),
    );
    expect(E.isLeft(again) && again.left).toMatchObject({
      kind: 'RuleViolated',
      rule: 'PartyAlreadySigned',
    });
    expect(E.isLeft(again) && again.left.message).toContain(
      `PK already signed MoU ${mouId} on 2026-01-15 in ${PLACE_NOT_RECORDED}`,
    );

    const inForce = await handleCommand(
      store,
      MoU,
      { type: 'RecordEntryIntoForce', mouId, method: 'onSignature', occurredOn: '2026-01-15' },
      context(),
    );
    if (E.isLeft(inForce)) throw new Error(inForce.left.message);
    expect(signed(inForce.right.state).status).toBe('inForce');
    expect(await verifyAll(store)).toMatchObject({ intact: true, eventsChecked: 15 });
  });

  it('is still checked by verifyAll: rewriting an old event into the new shape is caught', async () => {
    const lines = fixture().map((line) =>
      line.type === 'MoUSigned' && line.data.party === 'PK'
        ? {
            ...line,
            data: { ...line.data, place: 'Manama' },
            metadata: { ...line.metadata, schemaVersion: 2 },
          }
        : line,
    );
    const report = await verifyAll(await load(lines));
    expect(report.intact).toBe(false);
    expect(report.firstProblem).toMatchObject({
      problem: 'dataAltered',
      streamId: `MoU-${mouId}`,
      revision: 2n,
    });
  });

  it('refuses, by name, an event written in schema version 99 by a newer library', async () => {
    // The last signature as a newer library would have sealed it: intact, but unreadable here.
    const lines = fixture().map((line) => {
      if (!(line.type === 'MoUSigned' && line.data.party === 'BH')) return line;
      const { integrity, ...unsealed } = line.metadata;
      const link = IntegrityLink.decode(integrity);
      if (E.isLeft(link)) throw new Error('the fixture lost its integrity link');
      const metadata = { ...unsealed, schemaVersion: 99 };
      const resealed = sealEvent({
        streamId: line.streamId,
        eventId: line.eventId,
        type: line.type,
        data: line.data,
        metadata,
        previousHash: link.right.previousHash,
      });
      return { ...line, metadata: { ...metadata, integrity: resealed } };
    });
    const store = await load(lines);
    expect((await verifyAll(store)).intact).toBe(true);

    const loaded = await loadState(store, MoU, mouId);
    if (E.isRight(loaded)) throw new Error('expected a decode error');
    expect(loaded.left).toMatchObject({
      problem: 'unsupportedSchemaVersion',
      streamId: `MoU-${mouId}`,
      revision: 3n,
      eventType: 'MoUSigned',
      schemaVersion: 99,
    });
    expect(loaded.left.message).toBe(
      `cannot decode MoUSigned at MoU-${mouId}@3: written with schema version 99, but this library knows MoUSigned only up to version 2; upgrade diplomatic-ledger to read it`,
    );
    const states = await readCurrentStates(store);
    expect(E.isLeft(states) && states.left.problem).toBe('unsupportedSchemaVersion');
  });
});
