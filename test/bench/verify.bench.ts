/**
 * `audit verify` (`verifyAll`) over a SQLite history, beside the floor the target is set against:
 * raw `better-sqlite3` reading the same rows of the same file and recomputing, with no library,
 * every hash the verification recomputes (see `floorVerify`). Each run's event count, running
 * digest and tree head must equal the library's, so both provably do the same work.
 *
 * Library and floor alternate, round after round, after a warm-up; the figures are medians with
 * their min–max, and the ratio is library events/s over floor events/s.
 *
 * Environment: BENCH_VERIFY_STREAMS (default 5,000 streams of ten events), BENCH_ROUNDS
 * (default 5).
 */
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { hash as oneShot } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyAll } from '../../src/audit/verify';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';
import { EVENTS_PER_STREAM, writeAuditHistory } from './support/audit-history';
import { formatTable, rateFigure } from './support/report';
import { envInt } from './support/env';

const STREAMS = envInt('BENCH_VERIFY_STREAMS', 5_000);
const ROUNDS = envInt('BENCH_ROUNDS', 5);
const EVENTS = STREAMS * EVENTS_PER_STREAM;

interface Outcome {
  readonly events: number;
  readonly intact: boolean;
  readonly digest: string;
  /** The RFC 9162 tree head of the global order, in base64. */
  readonly rootHash: string;
}

// ------------------------------------------------------------------ floor

const sha256Hex = (text: string): string => oneShot('sha256', text, 'hex');
const sha256Bytes = (bytes: Uint8Array): Buffer => oneShot('sha256', bytes, 'buffer');
const canonical = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('no canonical form');
  return text;
};

const HEX = /^[0-9a-f]{64}$/;

interface Row {
  stream_id: string;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
}

interface Link {
  previousHash: string | null;
  dataHash: string;
  hash: string;
  version?: number;
}

const isLink = (value: unknown): value is Link => {
  if (typeof value !== 'object' || value === null) return false;
  const link = value as Record<string, unknown>;
  return (
    (link.previousHash === null ||
      (typeof link.previousHash === 'string' && HEX.test(link.previousHash))) &&
    typeof link.dataHash === 'string' &&
    HEX.test(link.dataHash) &&
    typeof link.hash === 'string' &&
    HEX.test(link.hash) &&
    (link.version === undefined || link.version === 2)
  );
};

/**
 * Per event, in global order: both texts parsed; SHA-256 of the canonical data against the sealed
 * data digest; SHA-256 of the canonical sealed header (stream, id, type, data digest, metadata
 * without `integrity`, previous hash, version 2) against the sealed hash; the previous hash
 * against the stream's last one; the sealed `recordedAt` against the stored one; the running
 * digest folded; the Merkle leaf SHA-256(0x00 ‖ hash) pushed into an RFC 9162 tree, whose head
 * is taken at the end.
 */
export const floorVerify = (file: string): Outcome => {
  const db = new Database(file, { readonly: true });
  try {
    const ends = new Map<string, string>();
    const leafInput = Buffer.alloc(33);
    const nodeInput = Buffer.alloc(65);
    nodeInput[0] = 1;
    const node = (left: Buffer, right: Buffer): Buffer => {
      left.copy(nodeInput, 1);
      right.copy(nodeInput, 33);
      return sha256Bytes(nodeInput);
    };
    const frontier: { width: number; hash: Buffer }[] = [];
    let digest = sha256Hex('');
    let events = 0;
    let intact = true;
    const rows = db
      .prepare(
        'SELECT stream_id, event_id, type, data, metadata, recorded_at FROM events ORDER BY position',
      )
      .iterate() as Iterable<Row>;
    for (const row of rows) {
      const data: unknown = JSON.parse(row.data);
      const { integrity, ...metadata } = JSON.parse(row.metadata) as Record<string, unknown>;
      if (!isLink(integrity)) throw new Error(`${row.stream_id}: no integrity link`);
      const dataHash = sha256Hex(canonical(data));
      const header = {
        streamId: row.stream_id,
        eventId: row.event_id,
        type: row.type,
        dataHash,
        metadata,
        previousHash: integrity.previousHash,
        ...(integrity.version === undefined ? {} : { version: integrity.version }),
      };
      const hash = sha256Hex(canonical(header));
      const recordedAt = new Date(row.recorded_at).toISOString();
      if (
        dataHash !== integrity.dataHash ||
        hash !== integrity.hash ||
        integrity.previousHash !== (ends.get(row.stream_id) ?? null) ||
        (integrity.version !== undefined && metadata.recordedAt !== recordedAt)
      )
        intact = false;
      ends.set(row.stream_id, integrity.hash);
      digest = sha256Hex(`${digest}\n${hash}`);
      leafInput.write(hash, 1, 'hex');
      let top = { width: 1, hash: sha256Bytes(leafInput) };
      for (let last = frontier.at(-1); last?.width === top.width; last = frontier.at(-1)) {
        frontier.pop();
        top = { width: top.width * 2, hash: node(last.hash, top.hash) };
      }
      frontier.push(top);
      events++;
    }
    let root: Buffer | undefined;
    for (let i = frontier.length - 1; i >= 0; i--) {
      const part = frontier[i];
      if (part !== undefined) root = root === undefined ? part.hash : node(part.hash, root);
    }
    return {
      events,
      intact,
      digest,
      rootHash: (root ?? sha256Bytes(Buffer.alloc(0))).toString('base64'),
    };
  } finally {
    db.close();
  }
};

// ---------------------------------------------------------------- library

const libraryVerify = async (file: string): Promise<Outcome> => {
  const store = openSqliteEventStore(file);
  try {
    const report = await verifyAll(store);
    return {
      events: report.eventsChecked,
      intact: report.intact,
      digest: report.digest,
      rootHash: report.treeHead?.rootHash ?? '',
    };
  } finally {
    await store.close();
  }
};

// ------------------------------------------------------------------- main

const timed = async (run: () => Outcome | Promise<Outcome>): Promise<[number, Outcome]> => {
  const started = performance.now();
  const outcome = await run();
  return [performance.now() - started, outcome];
};

const same = (a: Outcome, b: Outcome): boolean =>
  a.events === b.events &&
  a.intact === b.intact &&
  a.digest === b.digest &&
  a.rootHash === b.rootHash;

const main = async (): Promise<void> => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-verify-bench-'));
  try {
    const file = join(directory, 'history.db');
    await writeAuditHistory(file, STREAMS, new Date('2040-01-01T00:00:00.000Z'));
    console.log(`${EVENTS} events in ${STREAMS} streams (link version 2); ${ROUNDS} rounds`);
    const library: number[] = [];
    const floor: number[] = [];
    for (let round = -1; round < ROUNDS; round++) {
      // Alternate which goes first, so neither always runs on a warmer cache.
      const libraryFirst = round % 2 === 0;
      const first = await timed(() => (libraryFirst ? libraryVerify(file) : floorVerify(file)));
      const second = await timed(() => (libraryFirst ? floorVerify(file) : libraryVerify(file)));
      const [lib, raw] = libraryFirst ? [first, second] : [second, first];
      if (lib[1].events !== EVENTS || !lib[1].intact)
        throw new Error(`the library checked ${lib[1].events} events, intact: ${lib[1].intact}`);
      if (!same(lib[1], raw[1]))
        throw new Error(
          `the floor disagrees: ${JSON.stringify(raw[1])} against ${JSON.stringify(lib[1])}`,
        );
      if (round < 0) continue; // the warm-up
      library.push(lib[0]);
      floor.push(raw[0]);
      console.log(
        `round ${round + 1}: library ${lib[0].toFixed(0)} ms, floor ${raw[0].toFixed(0)} ms`,
      );
    }
    const figure = rateFigure('SQLite: verifyAll', 'events/s', EVENTS, library, floor, 0.4);
    console.log(formatTable([figure]));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
