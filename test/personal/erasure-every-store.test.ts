import * as E from 'fp-ts/Either';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DrugLiaisonPosting,
  auditTrail,
  bilateralOverview,
  createInMemoryEventStore,
  erasePersonalData,
  exportHistory,
  formatAuditEntry,
  formatBilateralOverview,
  handleCommand,
  importHistory,
  keepTree,
  libraryEvents,
  listDataSubjects,
  loadState,
  openSqliteKeyStore,
  provePersonal,
  readCurrentStates,
  recordPakistanBahrain2025,
  verifyAll,
  verifyConsistency,
  withKeyStore,
  type DrugLiaisonPostingCommand,
  type EventStore,
  type SqliteKeyStore,
} from '../../src';
import { everyStore } from '../support/every-store';
import { onServer, postgresUrl } from '../support/postgres';
import { context } from '../support/context';

/**
 * The worked case of an erasure, on every store: the Bahraini drug liaison officer, once named,
 * is erased; the posting and its audit trail stay whole, every hash and proof still verifies, and
 * no byte sequence of the name is left in the store, its files, the key store, an export or a
 * read model.
 */
const officerName = 'Maj. Khalid Al-Rumaihi';
const officerId = 'person:9d3e55b0-bh-dlo';
const postingId = 'bh-dlo-islamabad';
const streamId = `DrugLiaisonPosting-${postingId}`;
const nominate: DrugLiaisonPostingCommand = {
  type: 'NominateOfficer',
  postingId,
  officer: {
    title: 'Drug Liaison Officer',
    party: 'BH',
    holder: officerName,
    holderId: officerId,
    organisation: 'Ministry of Interior',
  },
  rank: 'Major',
  occurredOn: '2025-10',
};
const nominatedBy = context({
  commandId: '8c1f0d7e-2b3a-4c5d-9e6f-7a8b9c0d1e2f',
  onBehalfOf: 'BH',
  reason: 'nomination notified to the host',
});
const erasure = {
  type: 'ErasePersonalData',
  subjectId: officerId,
  authority: 'DPA order 2031/7',
  occurredOn: '2031-05-01',
} as const;
const erasedBy = context({
  commandId: '3e2d1c0b-4a5f-4e6d-8c7b-9a0f1e2d3c4b',
  actor: 'data protection officer',
  onBehalfOf: 'BH',
  reason: 'request under the data protection law',
});
const clock = (): Date => new Date('2031-05-01T10:00:00.000Z');

/** Every window of 8 bytes of the name, so that no fragment of it can hide. */
const fragments = (() => {
  const bytes = Buffer.from(officerName, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i + 8 <= bytes.length; i++) out.push(bytes.subarray(i, i + 8));
  return out;
})();
const holdsTheName = (bytes: Buffer): boolean => fragments.some((f) => bytes.includes(f));

const jsonOf = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'bigint' ? String(v) : v instanceof Map ? Object.fromEntries(v) : v,
  );

/** Everything a reader can take out of the store: raw texts, read models, audit trail, export. */
const everythingReadable = async (store: EventStore): Promise<Buffer> => {
  const parts: string[] = [];
  for await (const e of store.readAll()) parts.push(e.data, e.metadata);
  const states = await readCurrentStates(store);
  if (E.isLeft(states)) throw new Error(states.left.message);
  parts.push(
    jsonOf(states.right),
    formatBilateralOverview(bilateralOverview(states.right, ['BH', 'PK'])),
  );
  for await (const entry of auditTrail(store, libraryEvents))
    parts.push(E.isRight(entry) ? `${formatAuditEntry(entry.right)} ${jsonOf(entry.right)}` : '');
  for await (const line of exportHistory(store)) parts.push(line);
  return Buffer.from(parts.join('\n'), 'utf8');
};

const filesOf = (path: string): Buffer =>
  Buffer.concat(
    [path, `${path}-wal`, `${path}-shm`].filter((p) => existsSync(p)).map((p) => readFileSync(p)),
  );

const stores = everyStore({ now: clock, keys: null });

describe.each(stores)('erasing the drug liaison officer on %s', (_name, open) => {
  let dir: string;
  let keys: SqliteKeyStore;
  let store: EventStore;
  let before: { digest: string; size: number; root: Uint8Array };
  /** The history as exported while the name could still be read. */
  const exportedBefore: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'erasure-'));
    keys = openSqliteKeyStore(join(dir, 'keys.db'));
    store = withKeyStore(await open(), keys);
    await recordPakistanBahrain2025(store);
    const nominated = await handleCommand(store, DrugLiaisonPosting, nominate, nominatedBy);
    if (E.isLeft(nominated)) throw new Error(nominated.left.message);
  });

  afterAll(async () => {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the officer while the key exists, in reads and in the subjects list', async () => {
    const loaded = await loadState(store, DrugLiaisonPosting, postingId);
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    expect(jsonOf(loaded.right.state)).toContain(officerName);
    // The control for the searches below: the name is there to be found while it may be.
    expect(holdsTheName(await everythingReadable(store))).toBe(true);
    const subjects = await listDataSubjects(store);
    expect(subjects.find((s) => s.subjectId === officerId)).toEqual({
      subjectId: officerId,
      name: officerName,
      values: 1,
    });
  });

  it('keeps only ciphertext in the store: the stored event holds no byte of the name', async () => {
    let nominated: { data: string; metadata: string } | undefined;
    for await (const e of store.readStream(streamId))
      if (e.type === 'LiaisonOfficerNominated') nominated = e;
    if (nominated === undefined) throw new Error('no nomination');
    expect(holdsTheName(Buffer.from(nominated.data + nominated.metadata))).toBe(false);
    const sealed = (JSON.parse(nominated.data) as { officer?: { holder?: unknown } }).officer
      ?.holder;
    expect(sealed).toMatchObject({ subject: officerId, alg: 'A256GCM' });
  });

  it('proves the name with the key, and a wrong guess is not it', async () => {
    let stored;
    for await (const e of store.readStream(streamId))
      if (e.type === 'LiaisonOfficerNominated') stored = e;
    if (stored === undefined) throw new Error('no nomination');
    const sealed = (JSON.parse(stored.data) as { officer: { holder: unknown } }).officer.holder;
    const key = await keys.keyFor(officerId);
    const where = { streamId, eventId: stored.eventId, path: '/officer/holder' };
    expect(provePersonal(sealed, key, where, officerName)).toEqual(E.right(true));
    expect(provePersonal(sealed, key, where, 'Maj. Khalid Al-Rumaihy')).toEqual(E.right(false));
  });

  it('erases: the key goes, a name-free record is sealed, and every hash and proof still holds', async () => {
    for await (const line of exportHistory(store)) exportedBefore.push(line);
    const kept = await keepTree(store);
    before = { digest: (await verifyAll(store)).digest, size: kept.size, root: kept.root() };

    const erased = await erasePersonalData(store, erasure, erasedBy);
    if (E.isLeft(erased)) throw new Error(erased.left.message);
    expect(erased.right).toMatchObject({
      subjectId: officerId,
      erasedAt: '2031-05-01T10:00:00.000Z',
      recordStreamId: `PersonalDataErasure-${officerId}`,
      alreadyHandled: false,
    });
    expect(await keys.find(officerId)).toMatchObject({ erased: { subjectId: officerId } });

    const report = await verifyAll(store);
    expect(report.intact).toBe(true);
    const after = await keepTree(store);
    expect(after.size).toBe(before.size + 1);
    // The tree over the history before the erasure is the same tree: same root, and the new
    // head extends it.
    expect(Buffer.from(after.root(before.size))).toEqual(Buffer.from(before.root));
    expect(
      verifyConsistency(
        before.size,
        after.size,
        before.root,
        after.root(),
        after.consistencyProof(before.size),
      ),
    ).toEqual({ valid: true });
  });

  it('reads the officer as erased, with the posting whole and its state machine as before', async () => {
    const loaded = await loadState(store, DrugLiaisonPosting, postingId);
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    const placeholder = '[erased on 2031-05-01 by DPA order 2031/7]';
    expect(loaded.right.state).toMatchObject({
      status: 'officerNominated',
      currentOfficer: {
        post: { holder: placeholder, holderId: officerId, title: 'Drug Liaison Officer' },
        rank: 'Major',
      },
    });
    // Still nominated: the same rules hold, so another nomination is refused as before.
    const again = await handleCommand(
      store,
      DrugLiaisonPosting,
      { ...nominate, officer: { title: 'Drug Liaison Officer', party: 'BH' } },
      context({ onBehalfOf: 'BH' }),
    );
    expect(again).toMatchObject({
      left: { kind: 'RuleViolated', rule: 'OfficerAlreadyNominated' },
    });
    const subjects = await listDataSubjects(store);
    expect(subjects.find((s) => s.subjectId === officerId)).toEqual({
      subjectId: officerId,
      erasedAt: '2031-05-01T10:00:00.000Z',
      erasedBy: 'DPA order 2031/7',
      values: 1,
    });
  });

  it('leaves no byte sequence of the name in reads, read models, the audit trail or an export', async () => {
    expect(holdsTheName(await everythingReadable(store))).toBe(false);
    const trail: string[] = [];
    for await (const entry of auditTrail(store, libraryEvents))
      if (E.isRight(entry)) trail.push(formatAuditEntry(entry.right));
    expect(trail.some((line) => line.includes('PersonalDataErased'))).toBe(true);
  });

  it('leaves none in the files: the store file and its log, and the key store and its log', async () => {
    expect(holdsTheName(filesOf(join(dir, 'keys.db')))).toBe(false);
    const path = (store as { path?: unknown }).path;
    if (typeof path === 'string') expect(holdsTheName(filesOf(path))).toBe(false);
    // The PostgreSQL cluster the run started: its tables and its write-ahead log, flushed.
    const cluster = process.env.LEDGER_TEST_POSTGRES_CLUSTER;
    if (_name.includes('PostgreSQL') && cluster !== undefined) {
      await onServer(postgresUrl(), (client) => client.query('CHECKPOINT'));
      const files = readdirSync(join(cluster, 'data'), { recursive: true, withFileTypes: true });
      const read = files.filter((f) => f.isFile()).map((f) => join(f.parentPath ?? f.path, f.name));
      expect(read.length).toBeGreaterThan(100);
      expect(read.some((file) => holdsTheName(readFileSync(file)))).toBe(false);
    }
  });

  it('answers a retried erasure from the record, and refuses new names for the subject', async () => {
    const retried = await erasePersonalData(store, erasure, erasedBy);
    expect(retried).toMatchObject({ right: { alreadyHandled: true } });
    const other = await erasePersonalData(store, erasure, context({ onBehalfOf: 'BH' }));
    expect(other).toMatchObject({ left: { kind: 'ErasureRefused', reason: 'alreadyErased' } });
    const named = await handleCommand(
      store,
      DrugLiaisonPosting,
      { ...nominate, postingId: 'bh-dlo-karachi' },
      context({ onBehalfOf: 'BH' }),
    );
    expect(named).toMatchObject({
      left: { kind: 'PersonalDataRefused', problem: 'SubjectErased', subjectId: officerId },
    });
  });

  it('exported before the erasure and imported after, the history still has no readable name', async () => {
    // A copy taken while the name could be read: ciphertext only, so the key's end reaches it.
    const lines = exportedBefore;
    expect(lines.length).toBeGreaterThan(10);
    const copy = withKeyStore(createInMemoryEventStore(), keys);
    const imported = await importHistory(copy, async function* () {
      yield* lines;
    });
    expect(E.isRight(imported)).toBe(true);
    expect((await verifyAll(copy)).digest).toBe(before.digest);
    expect(holdsTheName(await everythingReadable(copy))).toBe(false);
    writeFileSync(join(dir, 'export.jsonl'), lines.join('\n'));
    expect(holdsTheName(readFileSync(join(dir, 'export.jsonl')))).toBe(false);
  });
});
