import Database from 'better-sqlite3';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
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
  type MoUCommand,
  type VerificationReport,
} from '../../src';
import { context } from '../support/context';

/**
 * The insider with write access to the embedded file, acting as the threat model says: with
 * the library's own `sealEvent`, after an auditor took a witnessed checkpoint and more was
 * recorded. Each action must be caught, by `audit verify` alone or by the checkpoint.
 */
interface Row {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
}

type Metadata = Record<string, unknown> & {
  integrity: { previousHash: string | null; hash: string; version?: 2 };
};

const rowsOf = (raw: Database.Database): Row[] =>
  raw.prepare('SELECT * FROM events ORDER BY position').all() as Row[];

/** Re-seals a stream from `fromRevision` on, as the insider would with the library's code. */
const reseal = (raw: Database.Database, streamId: string, fromRevision: number): void => {
  const rows = rowsOf(raw).filter((r) => r.stream_id === streamId);
  let previous: string | null = null;
  for (const row of rows) {
    const metadata = JSON.parse(row.metadata) as Metadata;
    if (row.revision >= fromRevision) {
      const { integrity, ...rest } = metadata;
      const link = sealEvent({
        streamId,
        eventId: row.event_id,
        type: row.type,
        data: JSON.parse(row.data) as unknown,
        metadata: rest,
        previousHash: previous,
        ...(integrity.version === undefined ? {} : { version: integrity.version }),
      });
      raw
        .prepare('UPDATE events SET metadata = ? WHERE position = ?')
        .run(JSON.stringify({ ...rest, integrity: link }), row.position);
      previous = link.hash;
    } else previous = metadata.integrity.hash;
  }
};

/** The streams every event of which the checkpoint covers (nothing of theirs came later). */
const coveredStreams = (rows: Row[], size: number): string[] => {
  const late = new Set(rows.slice(size).map((r) => r.stream_id));
  return [...new Set(rows.slice(0, size).map((r) => r.stream_id))].filter((s) => !late.has(s));
};

const DAY = 86_400_000;

/** What the insider does, given the rows and the size the witnessed checkpoint covers. */
const actions: Record<string, (raw: Database.Database, size: number, pick: number) => void> = {
  'alter an event and re-seal the rest of its stream': (raw, size, pick) => {
    const rows = rowsOf(raw).slice(0, size);
    const victim = rows[pick % rows.length] as Row;
    const data = JSON.parse(victim.data) as Record<string, unknown>;
    raw
      .prepare('UPDATE events SET data = ? WHERE position = ?')
      .run(JSON.stringify({ ...data, forged: true }), victim.position);
    reseal(raw, victim.stream_id, victim.revision);
  },
  'delete a middle event, renumber and re-seal': (raw, size, pick) => {
    const rows = rowsOf(raw);
    const long = coveredStreams(rows, size).filter(
      (s) => rows.filter((r) => r.stream_id === s).length >= 3,
    );
    const streamId = long[pick % long.length] as string;
    const mine = rows.filter((r) => r.stream_id === streamId);
    const middle = mine[1] as Row;
    raw.prepare('DELETE FROM events WHERE position = ?').run(middle.position);
    for (const row of mine.slice(2))
      raw
        .prepare('UPDATE events SET revision = ? WHERE position = ?')
        .run(row.revision - 1, row.position);
    reseal(raw, streamId, middle.revision);
  },
  'delete the last event of a stream': (raw, size, pick) => {
    const rows = rowsOf(raw);
    const streams = coveredStreams(rows, size);
    const streamId = streams[pick % streams.length] as string;
    const last = rows.filter((r) => r.stream_id === streamId).at(-1) as Row;
    raw.prepare('DELETE FROM events WHERE position = ?').run(last.position);
  },
  'delete a whole stream': (raw, size, pick) => {
    const streams = coveredStreams(rowsOf(raw), size);
    raw.prepare('DELETE FROM events WHERE stream_id = ?').run(streams[pick % streams.length]);
  },
  'swap two events of different streams in the global order': (raw, size, pick) => {
    const rows = rowsOf(raw).slice(0, size);
    const pairs = rows
      .slice(1)
      .map((row, i) => [rows[i] as Row, row] as const)
      .filter(([a, b]) => a.stream_id !== b.stream_id);
    const [a, b] = pairs[pick % pairs.length] as readonly [Row, Row];
    const move = raw.prepare('UPDATE events SET position = ? WHERE position = ?');
    raw.transaction(() => {
      move.run(-1, a.position);
      move.run(a.position, b.position);
      move.run(b.position, -1);
    })();
  },
  'set recorded_at back 400 days': (raw, size, pick) => {
    const rows = rowsOf(raw);
    const victim = rows[size + (pick % (rows.length - size))] as Row;
    raw
      .prepare('UPDATE events SET recorded_at = ? WHERE position = ?')
      .run(victim.recorded_at - 400 * DAY, victim.position);
  },
  'set recorded_at back 400 days, in the column and the sealed metadata, and re-seal': (
    raw,
    size,
    pick,
  ) => {
    const rows = rowsOf(raw);
    const victim = rows[size + (pick % (rows.length - size))] as Row;
    const earlier = victim.recorded_at - 400 * DAY;
    const metadata = JSON.parse(victim.metadata) as Metadata;
    raw
      .prepare('UPDATE events SET recorded_at = ?, metadata = ? WHERE position = ?')
      .run(
        earlier,
        JSON.stringify({ ...metadata, recordedAt: new Date(earlier).toISOString() }),
        victim.position,
      );
    reseal(raw, victim.stream_id, victim.revision);
  },
  'soft-delete a stream through the streams table': (raw, size, pick) => {
    const streams = coveredStreams(rowsOf(raw), size);
    raw
      .prepare('INSERT OR REPLACE INTO streams (stream_id, visible_from) VALUES (?, 1000000)')
      .run(streams[pick % streams.length]);
  },
  'tombstone a stream through the streams table': (raw, size, pick) => {
    const streams = coveredStreams(rowsOf(raw), size);
    raw
      .prepare('INSERT OR REPLACE INTO streams (stream_id, tombstoned) VALUES (?, 1)')
      .run(streams[pick % streams.length]);
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

const caught = { alone: new Map<string, number>(), withCheckpoint: new Map<string, number>() };
const RUNS = 8;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'insider-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const lines = Object.keys(actions).map(
    (name) =>
      `| ${name} | ${caught.alone.get(name) ?? 0} of ${RUNS} | ${caught.withCheckpoint.get(name) ?? 0} of ${RUNS} |`,
  );
  console.log(
    [
      '| what the insider does | caught by `audit verify` | with a witnessed checkpoint |',
      '|---|---|---|',
      ...lines,
    ].join('\n'),
  );
});

const count = (map: Map<string, number>, name: string, yes: boolean): void => {
  if (yes) map.set(name, (map.get(name) ?? 0) + 1);
};

describe.each(Object.keys(actions))('an insider who would %s', (name) => {
  it('is caught once a witnessed checkpoint was taken before', async () => {
    await fc.assert(
      fc.asyncProperty(history, async ({ before, after, pick }) => {
        const file = join(dir, `${uuidv4()}.db`);
        const store = openSqliteEventStore(file);
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
        await store.close();

        const raw = new Database(file);
        actions[name]?.(raw, signed.right.checkpoint.size, pick);
        raw.close();

        const reopened = openSqliteEventStore(file);
        let alone: VerificationReport;
        let checked: VerificationReport;
        try {
          alone = await verifyAll(reopened);
          checked = await verifyAll(reopened, { checkpoints: witnessed.right });
        } finally {
          await reopened.close();
          rmSync(file, { force: true });
        }
        count(caught.alone, name, !alone.intact);
        count(caught.withCheckpoint, name, !checked.intact);
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
