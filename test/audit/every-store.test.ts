import * as E from 'fp-ts/Either';
import {
  MoU,
  auditTrail,
  bilateralOverview,
  checkpointsOfWitnessFile,
  generateSigningKey,
  parseSignerKey,
  parseVerifierKey,
  signStoreCheckpoint,
  createInMemoryEventStore,
  createInMemoryKeyStore,
  withKeyStore,
  currentStatesProjection,
  exportHistory,
  handleCommand,
  importHistory,
  libraryEvents,
  readCurrentStates,
  recordPakistanBahrain2025,
  startProjection,
  stateAsOf,
  verifyAll,
  type EventStore,
} from '../../src';
import { everyStore } from '../support/every-store';
import { context } from '../support/context';

/**
 * The audit features through the port alone, on every store: the same history must verify with
 * the same digest wherever it is kept, and travel between stores unchanged.
 */
const mouId = 'pk-bh-extradition';

const history = async (store: EventStore): Promise<void> => {
  await recordPakistanBahrain2025(store);
  const agreed = await handleCommand(
    store,
    MoU,
    { type: 'AgreeText', mouId, textVersion: 1, textDigest: 'e'.repeat(64), occurredOn: '2025-11' },
    context({ commandId: '5b0e3c1a-9f1d-4c8e-8b52-3f6c2d1e7a90' }),
  );
  if (E.isLeft(agreed)) throw new Error(agreed.left.message);
};

// One clock for every store: the same history, recorded at the same instants, has one digest.
const clock = (): Date => new Date('2026-11-30T09:00:00.000Z');
// And one key store: the names the history records are sealed alike on each.
const keys = createInMemoryKeyStore();
const stores = everyStore({ now: clock, keys });

const referenceDigest = async (): Promise<string> => {
  const store = withKeyStore(createInMemoryEventStore({ now: clock }), keys);
  await history(store);
  return (await verifyAll(store)).digest;
};

describe.each(stores)('auditing on %s', (_name, open) => {
  let store: EventStore;
  beforeAll(async () => {
    store = await open();
    await history(store);
  });

  it('verifies intact, with the same digest as on any other store', async () => {
    const report = await verifyAll(store);
    expect(report).toMatchObject({ intact: true, eventsChecked: 12 });
    expect(report.digest).toBe(await referenceDigest());
  });

  it('holds to a checkpoint signed on it, with the same tree head as on any other store', async () => {
    const generated = generateSigningKey('records.example/ledger');
    if (E.isLeft(generated)) throw new Error(generated.left.message);
    const signer = parseSignerKey(generated.right.signerKey);
    const verifier = parseVerifierKey(generated.right.verifierKey);
    if (E.isLeft(signer) || E.isLeft(verifier)) throw new Error('the key does not parse');
    const signed = await signStoreCheckpoint(store, {
      signer: signer.right,
      origin: 'records.example/ledger',
    });
    if (E.isLeft(signed)) throw new Error(signed.left.message);
    const reference = withKeyStore(createInMemoryEventStore({ now: clock }), keys);
    await history(reference);
    expect((await verifyAll(store)).treeHead).toEqual((await verifyAll(reference)).treeHead);
    const checkpoints = checkpointsOfWitnessFile(signed.right.witnessEntry, verifier.right);
    if (E.isLeft(checkpoints)) throw new Error(checkpoints.left.message);
    const report = await verifyAll(store, { checkpoints: checkpoints.right });
    expect(report.intact).toBe(true);
    expect(report.checkpoints).toEqual([expect.objectContaining({ holds: true })]);
  });

  it('lists every event in the audit trail with its link intact', async () => {
    const entries = [];
    for await (const entry of auditTrail(store, libraryEvents)) entries.push(entry);
    expect(entries).toHaveLength(12);
    expect(entries.every((e) => E.isRight(e) && e.right.integrity === 'intact')).toBe(true);
  });

  it('reads state as of a revision and as of a date in the world', async () => {
    const at = async (asOf: Parameters<typeof stateAsOf>[3]) => {
      const result = await stateAsOf(store, MoU, mouId, asOf);
      if (E.isLeft(result)) throw new Error(result.left.message);
      return result.right.state.status;
    };
    expect(await at({})).toBe('textAgreed');
    expect(await at({ revision: 0n })).toBe('proposed');
    expect(await at({ occurredOn: '2025-10' })).toBe('proposed');
  });

  it('exports a history that imports elsewhere with the same digest', async () => {
    const lines: string[] = [];
    for await (const line of exportHistory(store)) lines.push(line);
    const copy = createInMemoryEventStore();
    const imported = await importHistory(copy, async function* () {
      yield* lines;
    });
    expect(E.isRight(imported) && imported.right.digest).toBe(await referenceDigest());
  });

  it('runs a projection with checkpoints, resumes it, and stays verifiable', async () => {
    const first = startProjection(store, currentStatesProjection, { checkpoint: { every: 5 } });
    await first.caughtUp();
    expect((await first.stop()).kind).toBe('stopped');
    const states = await readCurrentStates(store);
    if (E.isLeft(states)) throw new Error(states.left.message);
    const second = startProjection(store, currentStatesProjection);
    await second.caughtUp();
    expect(bilateralOverview(second.model(), ['PK', 'BH'])).toEqual(
      bilateralOverview(states.right, ['PK', 'BH']),
    );
    await second.stop();
    expect((await verifyAll(store)).intact).toBe(true);
  });
});
