import Database from 'better-sqlite3';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { EventStoreDBClient } from '@eventstore/db-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import {
  MoU,
  checkpointsOfWitnessFile,
  generateSigningKey,
  handleCommand,
  openSqliteEventStore,
  parseSignerKey,
  parseVerifierKey,
  sealEvent,
  signStoreCheckpoint,
  verifyAll,
  createEventStoreDBEventStore,
  createInMemoryEventStore,
  type DeleteMode,
  type EventStore,
  type MoUCommand,
  type SqliteEventStore,
  type VerificationReport,
} from '../../src';
import { context } from '../support/context';
import { startTestServer, type TestServer } from '../support/eventstoredb-server/server';

/**
 * The insider with write access to the store, acting as the threat model says: with the
 * library's own `sealEvent`, after an auditor took a witnessed checkpoint and more was recorded.
 * On the embedded store the insider rewrites the file's tables; on the others, which offer no way
 * to change an event in place, the insider stands up a store of the same kind holding the
 * rewritten copy. Each action must be caught, by `audit verify` alone or by the checkpoint.
 */
interface Row {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: string;
  metadata: string;
  recordedAt: number;
}

/** The history as the insider holds it: every event in global order, and the streams to hide. */
interface Copy {
  rows: Row[];
  readonly hidden: Map<string, DeleteMode>;
}

type Metadata = Record<string, unknown> & {
  integrity: { previousHash: string | null; hash: string; version?: 2 };
};

/** Re-seals a stream from `fromRevision` on, as the insider would with the library's code. */
const reseal = (copy: Copy, streamId: string, fromRevision: number): void => {
  let previous: string | null = null;
  for (const row of copy.rows.filter((r) => r.streamId === streamId)) {
    const metadata = JSON.parse(row.metadata) as Metadata;
    if (row.revision >= fromRevision) {
      const { integrity, ...rest } = metadata;
      const link = sealEvent({
        streamId,
        eventId: row.eventId,
        type: row.type,
        data: JSON.parse(row.data) as unknown,
        metadata: rest,
        previousHash: previous,
        ...(integrity.version === undefined ? {} : { version: integrity.version }),
      });
      row.metadata = JSON.stringify({ ...rest, integrity: link });
      previous = link.hash;
    } else previous = metadata.integrity.hash;
  }
};

/** The streams every event of which the checkpoint covers (nothing of theirs came later). */
const coveredStreams = (rows: Row[], size: number): string[] => {
  const late = new Set(rows.slice(size).map((r) => r.streamId));
  return [...new Set(rows.slice(0, size).map((r) => r.streamId))].filter((s) => !late.has(s));
};

const DAY = 86_400_000;

type Action = (copy: Copy, size: number, pick: number) => void;

/** What the insider does, given the copy and the size the witnessed checkpoint covers. */
const actions: Record<string, Action> = {
  'alter an event and re-seal the rest of its stream': (copy, size, pick) => {
    const victim = copy.rows[pick % size] as Row;
    const data = JSON.parse(victim.data) as Record<string, unknown>;
    victim.data = JSON.stringify({ ...data, forged: true });
    reseal(copy, victim.streamId, victim.revision);
  },
  'delete a middle event, renumber and re-seal': (copy, size, pick) => {
    const long = coveredStreams(copy.rows, size).filter(
      (s) => copy.rows.filter((r) => r.streamId === s).length >= 3,
    );
    const streamId = long[pick % long.length] as string;
    const mine = copy.rows.filter((r) => r.streamId === streamId);
    const middle = mine[1] as Row;
    copy.rows = copy.rows.filter((r) => r !== middle);
    for (const row of mine.slice(2)) row.revision -= 1;
    reseal(copy, streamId, middle.revision);
  },
  'delete the last event of a stream': (copy, size, pick) => {
    const streams = coveredStreams(copy.rows, size);
    const streamId = streams[pick % streams.length] as string;
    const last = copy.rows.filter((r) => r.streamId === streamId).at(-1);
    copy.rows = copy.rows.filter((r) => r !== last);
  },
  'delete a whole stream': (copy, size, pick) => {
    const streams = coveredStreams(copy.rows, size);
    const streamId = streams[pick % streams.length];
    copy.rows = copy.rows.filter((r) => r.streamId !== streamId);
  },
  'swap two events of different streams in the global order': (copy, size, pick) => {
    const pairs = copy.rows
      .slice(1, size)
      .map((_, i) => i)
      .filter((i) => copy.rows[i]?.streamId !== copy.rows[i + 1]?.streamId);
    const i = pairs[pick % pairs.length] as number;
    const [a, b] = [copy.rows[i] as Row, copy.rows[i + 1] as Row];
    copy.rows[i] = b;
    copy.rows[i + 1] = a;
  },
  'set recorded_at back 400 days': (copy, size, pick) => {
    const victim = copy.rows[size + (pick % (copy.rows.length - size))] as Row;
    victim.recordedAt -= 400 * DAY;
  },
  'set recorded_at back 400 days, in the column and the sealed metadata, and re-seal': (
    copy,
    size,
    pick,
  ) => {
    const victim = copy.rows[size + (pick % (copy.rows.length - size))] as Row;
    victim.recordedAt -= 400 * DAY;
    const metadata = JSON.parse(victim.metadata) as Metadata;
    victim.metadata = JSON.stringify({
      ...metadata,
      recordedAt: new Date(victim.recordedAt).toISOString(),
    });
    reseal(copy, victim.streamId, victim.revision);
  },
  'soft-delete a stream, recording no deletion': (copy, size, pick) => {
    const streams = coveredStreams(copy.rows, size);
    copy.hidden.set(streams[pick % streams.length] as string, 'soft');
  },
  'tombstone a stream, recording no deletion': (copy, size, pick) => {
    const streams = coveredStreams(copy.rows, size);
    copy.hidden.set(streams[pick % streams.length] as string, 'tombstone');
  },
};

const copyOf = async (store: EventStore): Promise<Copy> => {
  const rows: Row[] = [];
  for await (const e of store.readAll())
    rows.push({
      streamId: e.streamId,
      revision: Number(e.revision),
      eventId: e.eventId,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: e.recordedAt.getTime(),
    });
  return { rows, hidden: new Map() };
};

/** Appends the copy's events in order, one batch per run of one stream, then hides streams. */
const appendCopy = async (store: EventStore, copy: Copy): Promise<void> => {
  for (let i = 0; i < copy.rows.length;) {
    const streamId = (copy.rows[i] as Row).streamId;
    const batch: Row[] = [];
    for (; copy.rows[i]?.streamId === streamId; i++) batch.push(copy.rows[i] as Row);
    await store.appendToStream(
      streamId,
      batch.map((r) => ({ ...r, recordedAt: new Date(r.recordedAt) })),
      { expectedRevision: 'any' },
    );
  }
  for (const [streamId, mode] of copy.hidden) await store.deleteStream(streamId, { mode });
};

/** A store of one kind, and how an insider puts a rewritten copy in its place. */
interface Kind {
  readonly open: () => Promise<EventStore>;
  /** Closes `store` and answers the store that now holds `copy` where it was. */
  readonly replace: (store: EventStore, copy: Copy) => Promise<EventStore>;
  /** Whether the store keeps the recording time it is given (EventStoreDB stamps its own). */
  readonly keepsRecordedAt: boolean;
  readonly close: (store: EventStore) => Promise<void>;
}

let dir: string;
const servers = new Map<EventStore, { server: TestServer; client: EventStoreDBClient }>();

const kinds: Record<string, Kind> = {
  'the SQLite store': {
    open: async () => openSqliteEventStore(join(dir, `${uuidv4()}.db`)),
    replace: async (store, copy) => {
      const file = (store as SqliteEventStore).path;
      await (store as SqliteEventStore).close();
      // The insider rewrites the tables, and clears the kept tree that would tell.
      const raw = new Database(file);
      raw.transaction(() => {
        raw.exec(
          'DELETE FROM events; DELETE FROM streams; DELETE FROM tree_leaves; DELETE FROM tree_subtrees',
        );
        const insert = raw.prepare(
          'INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        );
        for (const [i, r] of copy.rows.entries())
          insert.run(
            i + 1,
            r.streamId,
            r.revision,
            r.eventId,
            r.type,
            r.data,
            r.metadata,
            r.recordedAt,
          );
        for (const [streamId, mode] of copy.hidden)
          raw
            .prepare('INSERT INTO streams (stream_id, visible_from, tombstoned) VALUES (?, ?, ?)')
            .run(streamId, mode === 'soft' ? 1_000_000 : 0, mode === 'soft' ? 0 : 1);
      })();
      raw.close();
      return openSqliteEventStore(file);
    },
    keepsRecordedAt: true,
    close: async (store) => {
      await (store as SqliteEventStore).close();
      rmSync((store as SqliteEventStore).path, { force: true });
    },
  },
  'the in-memory store': {
    open: async () => createInMemoryEventStore(),
    replace: async (_store, copy) => {
      const forged = createInMemoryEventStore();
      await appendCopy(forged, copy);
      return forged;
    },
    keepsRecordedAt: true,
    close: async () => undefined,
  },
  'the EventStoreDB store': {
    open: async () => {
      const server = await startTestServer();
      const client = EventStoreDBClient.connectionString(server.connectionString);
      const store = createEventStoreDBEventStore(client);
      servers.set(store, { server, client });
      return store;
    },
    replace: async (store, copy) => {
      await kinds['the EventStoreDB store']?.close(store);
      const forged = await kinds['the EventStoreDB store']?.open();
      if (forged === undefined) throw new Error('no EventStoreDB kind');
      await appendCopy(forged, copy);
      return forged;
    },
    keepsRecordedAt: false,
    close: async (store) => {
      const running = servers.get(store);
      servers.delete(store);
      await running?.client.dispose();
      await running?.server.stop();
    },
  },
};

const propose = (mouId: string): MoUCommand => ({
  type: 'ProposeMoU',
  mouId,
  title: `MoU ${mouId}`,
  subject: 'extradition',
  parties: ['PK', 'BH'],
  proposedBy: 'jointly',
  legalCharacter: 'undetermined',
  occurredOn: '2025-09-10',
});

const round = (mouId: string, n: number): MoUCommand => ({
  type: 'RecordNegotiationRound',
  mouId,
  round: n,
  venue: n % 2 === 0 ? 'Manama' : 'Islamabad',
  occurredOn: '2025-10',
});

const key = (() => {
  const generated = generateSigningKey('records.example/ledger');
  if (E.isLeft(generated)) throw new Error(generated.left.message);
  const signer = parseSignerKey(generated.right.signerKey);
  const verifier = parseVerifierKey(generated.right.verifierKey);
  if (E.isLeft(signer) || E.isLeft(verifier)) throw new Error('the generated key does not parse');
  return { signer: signer.right, verifier: verifier.right };
})();

/** Streams of 3 or 4 events covered by the checkpoint, then a stream recorded after it. */
const history = fc.record({
  before: fc.array(fc.integer({ min: 3, max: 4 }), { minLength: 2, maxLength: 4 }),
  after: fc.integer({ min: 1, max: 3 }),
  pick: fc.nat(),
});

const caught = new Map<string, { alone: number; withCheckpoint: number; runs: number }>();
const RUNS = 8;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'insider-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const lines = [...caught].map(
    ([name, c]) => `| ${name} | ${c.alone} of ${c.runs} | ${c.withCheckpoint} of ${c.runs} |`,
  );
  console.log(
    [
      '| store: what the insider does | caught by `audit verify` | with a witnessed checkpoint |',
      '|---|---|---|',
      ...lines,
    ].join('\n'),
  );
});

const tally = (name: string, alone: boolean, withCheckpoint: boolean): void => {
  const c = caught.get(name) ?? { alone: 0, withCheckpoint: 0, runs: 0 };
  caught.set(name, {
    alone: c.alone + (alone ? 1 : 0),
    withCheckpoint: c.withCheckpoint + (withCheckpoint ? 1 : 0),
    runs: c.runs + 1,
  });
};

const cases = Object.entries(kinds).flatMap(([kindName, kind]) =>
  Object.keys(actions)
    // A store that stamps its own time cannot be given another: there is no such action.
    .filter((action) => kind.keepsRecordedAt || action !== 'set recorded_at back 400 days')
    .map((action) => [kindName, action] as const),
);

describe.each(cases)('on %s, an insider who would %s', (kindName, name) => {
  it('is caught once a witnessed checkpoint was taken before', async () => {
    const kind = kinds[kindName] as Kind;
    const action = actions[name] as Action;
    await fc.assert(
      fc.asyncProperty(history, async ({ before, after, pick }) => {
        const store = await kind.open();
        const record = async (events: number): Promise<void> => {
          const mouId = `insider-${uuidv4()}`;
          const commands = [
            propose(mouId),
            ...Array.from({ length: events - 1 }, (_, i) => round(mouId, i + 1)),
          ];
          for (const command of commands) {
            const done = await handleCommand(store, MoU, command, context());
            if (E.isLeft(done)) throw new Error(done.left.message);
          }
        };
        for (const events of before) await record(events);
        const signed = await signStoreCheckpoint(store, {
          signer: key.signer,
          origin: 'records.example/ledger',
        });
        if (E.isLeft(signed)) throw new Error(signed.left.message);
        // What the auditor keeps elsewhere, read back as `audit verify --checkpoint` reads it.
        const witnessed = checkpointsOfWitnessFile(signed.right.witnessEntry, key.verifier);
        if (E.isLeft(witnessed)) throw new Error(witnessed.left.message);
        await record(after);

        const copy = await copyOf(store);
        action(copy, signed.right.checkpoint.size, pick);
        const forged = await kind.replace(store, copy);
        let alone: VerificationReport;
        let checked: VerificationReport;
        try {
          alone = await verifyAll(forged);
          checked = await verifyAll(forged, { checkpoints: witnessed.right });
        } finally {
          await kind.close(forged);
        }
        tally(`${kindName}: ${name}`, !alone.intact, !checked.intact);
        expect(checked.intact).toBe(false);
        // The checkpoint is named when it no longer holds; otherwise the chain names the event.
        if (checked.checkpointFindings.length > 0)
          expect(checked.checkpointFindings[0]?.message).toContain(
            `the checkpoint of records.example/ledger at size ${signed.right.checkpoint.size}`,
          );
        else expect(checked.firstProblem).toBeDefined();
      }),
      { numRuns: RUNS },
    );
  });
});
