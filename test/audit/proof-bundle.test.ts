import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import {
  MoU,
  consistencyProofBundle,
  createInMemoryEventStore,
  createMerkleLog,
  eventLeaf,
  formatProofBundle,
  generateSigningKey,
  handleCommand,
  hashToBase64,
  inclusionProofBundle,
  parseSignerKey,
  parseVerifierKey,
  sealEvent,
  signStoreCheckpoint,
  verifyAll,
  verifyProofBundle,
  type BundleProblem,
  type EventStore,
  type InclusionProofBundle,
  type MoUCommand,
  type SignedCheckpoint,
  type StoredEvent,
} from '../../src';
import { parseNote, signNote } from '../../src/audit/signed-note';
import { context } from '../support/context';

/** Bundles made from a recorded history verify with the key alone; every tampering is named. */
const ORIGIN = 'records.example/ledger';
const keyPair = (name: string) => {
  const generated = generateSigningKey(name);
  if (E.isLeft(generated)) throw new Error(generated.left.message);
  const signer = parseSignerKey(generated.right.signerKey);
  const verifier = parseVerifierKey(generated.right.verifierKey);
  if (E.isLeft(signer) || E.isLeft(verifier)) throw new Error('the generated key does not parse');
  return { signer: signer.right, verifier: verifier.right };
};
const key = keyPair(ORIGIN);
const other = keyPair(ORIGIN); // the same name, another key: a forger's

const round = (mouId: string, n: number): MoUCommand => ({
  type: 'RecordNegotiationRound',
  mouId,
  round: n,
  venue: n % 2 === 0 ? 'Manama' : 'Islamabad',
  occurredOn: '2025-09-10',
});
const MOU = 'pk-bh-extradition';

const sign = async (store: EventStore): Promise<SignedCheckpoint> => {
  const signed = await signStoreCheckpoint(store, { signer: key.signer, origin: ORIGIN });
  if (E.isLeft(signed)) throw new Error(signed.left.message);
  return signed.right;
};

const eventsOf = async (store: EventStore): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

let store: EventStore;
let events: StoredEvent[];
/** A checkpoint after the demo and after each further negotiation round. */
let checkpoints: SignedCheckpoint[];
beforeAll(async () => {
  store = createInMemoryEventStore({ now: () => new Date('2025-09-11T09:00:00Z') });
  await recordPakistanBahrain2025(store);
  checkpoints = [await sign(store)];
  for (let n = 1; n <= 6; n++) {
    const done = await handleCommand(store, MoU, round(MOU, n), context());
    if (E.isLeft(done)) throw new Error(JSON.stringify(done.left));
    checkpoints.push(await sign(store));
  }
  events = await eventsOf(store);
});
const latest = (): SignedCheckpoint => checkpoints[checkpoints.length - 1] as SignedCheckpoint;

const bundleFor = async (index: number, at = latest()): Promise<InclusionProofBundle> => {
  const event = events[index] as StoredEvent;
  const bundle = await inclusionProofBundle(store, event, at);
  if (E.isLeft(bundle)) throw new Error(bundle.left.message);
  return bundle.right;
};

const problemOf = (text: string): BundleProblem | 'verified' => {
  const checked = verifyProofBundle(text, key.verifier);
  return E.isLeft(checked) ? checked.left.problem : 'verified';
};

/** The first string inside a JSON value, one character changed. */
const alterFirstString = (value: unknown): unknown => {
  if (typeof value === 'string') return `${value.slice(0, -1)}${value.endsWith('x') ? 'y' : 'x'}`;
  if (Array.isArray(value))
    return value.length === 0 ? ['x'] : [alterFirstString(value[0]), ...value.slice(1)];
  if (typeof value === 'object' && value !== null) {
    const [first, ...rest] = Object.entries(value);
    if (first === undefined) return { x: 'x' };
    return { ...Object.fromEntries(rest), [first[0]]: alterFirstString(first[1]) };
  }
  return 'x';
};

const flipByte = (base64: string): string => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
};

/** The checkpoint's body, re-signed by another key of the same name. */
const signedByOther = (note: string): string => {
  const parsed = parseNote(note);
  if (E.isLeft(parsed)) throw new Error(parsed.left.message);
  const resigned = signNote(parsed.right.text, [other.signer]);
  if (E.isLeft(resigned)) throw new Error(resigned.left.message);
  return resigned.right;
};

describe('inclusion bundles', () => {
  it('verify for any event of the history, under the latest or an earlier checkpoint', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (pickEvent, pickCheckpoint) => {
        const at = checkpoints[pickCheckpoint % checkpoints.length] as SignedCheckpoint;
        const index = pickEvent % at.checkpoint.size;
        const bundle = await bundleFor(index, at);
        expect(bundle).toMatchObject({ leafIndex: index, treeSize: at.checkpoint.size });
        const checked = verifyProofBundle(formatProofBundle(bundle), key.verifier);
        expect(checked).toEqual(
          E.right({
            kind: 'inclusion',
            checkpoint: at.checkpoint,
            leafIndex: index,
            event: bundle.event,
          }),
        );
      }),
      { numRuns: 30 },
    );
  });

  type Tamper = (b: InclusionProofBundle) => InclusionProofBundle;
  const event = (b: InclusionProofBundle) =>
    b.event as { data: unknown; metadata: Record<string, unknown> };
  const tamperings: [string, Tamper, BundleProblem][] = [
    [
      'a byte of its data',
      (b) => ({ ...b, event: { ...b.event, data: alterFirstString(event(b).data) } }),
      'eventAltered',
    ],
    [
      'its metadata',
      (b) => ({ ...b, event: { ...b.event, metadata: { ...event(b).metadata, reason: 'later' } } }),
      'eventAltered',
    ],
    ['its leaf index', (b) => ({ ...b, leafIndex: (b.leafIndex + 1) % b.treeSize }), 'notIncluded'],
    ['the tree size', (b) => ({ ...b, treeSize: b.treeSize - 1 }), 'treeSizeMismatch'],
    [
      'a hash of the path',
      (b) => ({ ...b, path: [flipByte(b.path[0] ?? ''), ...b.path.slice(1)] }),
      'notIncluded',
    ],
    ['a shortened path', (b) => ({ ...b, path: b.path.slice(1) }), 'notIncluded'],
    [
      'the checkpoint body',
      (b) => ({
        ...b,
        checkpoint: b.checkpoint.replace(`\n${b.treeSize}\n`, `\n${b.treeSize + 1}\n`),
      }),
      'checkpointNotSigned',
    ],
    [
      'a signature by another key',
      (b) => ({ ...b, checkpoint: signedByOther(b.checkpoint) }),
      'checkpointNotSigned',
    ],
    [
      'a path hash that is not base64 of 32 bytes',
      (b) => ({ ...b, path: ['AAAA', ...b.path] }),
      'malformed',
    ],
  ];

  it.each(tamperings)('are refused after tampering with %s', async (_what, tamper, problem) => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (pick) => {
        const bundle = await bundleFor(pick % events.length);
        expect(problemOf(formatProofBundle(bundle))).toBe('verified');
        expect(problemOf(formatProofBundle(tamper(bundle)))).toBe(problem);
      }),
      { numRuns: 10 },
    );
  });

  it('refuses malformed text without throwing', () => {
    expect(problemOf('not json')).toBe('malformed');
    expect(problemOf('null')).toBe('unknownFormat');
    expect(problemOf('{"format":"diplomatic-ledger/inclusion-proof/v2"}')).toBe('unknownFormat');
    expect(problemOf('{"format":"diplomatic-ledger/inclusion-proof/v1"}')).toBe('malformed');
    expect(problemOf('{"format":"diplomatic-ledger/consistency-proof/v1","from":1}')).toBe(
      'malformed',
    );
  });

  it('are not made for an event after the checkpoint, or one the store does not hold', async () => {
    const first = checkpoints[0] as SignedCheckpoint;
    const after = await inclusionProofBundle(
      store,
      events[first.checkpoint.size] as StoredEvent,
      first,
    );
    expect(E.isLeft(after) && after.left.problem).toBe('eventNotCovered');
    const missing = await inclusionProofBundle(
      store,
      { streamId: 'MoU-none', revision: 0n },
      first,
    );
    expect(E.isLeft(missing) && missing.left.problem).toBe('eventNotFound');
    const mismatched = await inclusionProofBundle(store, events[0] as StoredEvent, {
      note: first.note,
      checkpoint: latest().checkpoint,
    });
    expect(E.isLeft(mismatched) && mismatched.left.problem).toBe('checkpointMismatch');
  });
});

/**
 * The history as an insider would rewrite it: a copy in which one event of the first `upTo`
 * has other data, its stream re-sealed from there with the library's own code.
 */
const rewritten = async (victim: number): Promise<EventStore> => {
  const copy = createInMemoryEventStore({ now: () => new Date('2025-09-12T09:00:00Z') });
  const target = events[victim] as StoredEvent;
  const ends = new Map<string, string | null>();
  for (const [i, e] of events.entries()) {
    const metadata = JSON.parse(e.metadata) as Record<string, unknown> & {
      integrity: { previousHash: string | null; version?: 2 };
    };
    const { integrity, ...rest } = metadata;
    const data = JSON.parse(e.data) as unknown;
    const changed = i === victim ? alterFirstString(data) : data;
    const previous = ends.has(e.streamId) ? (ends.get(e.streamId) ?? null) : integrity.previousHash;
    const link = sealEvent({
      streamId: e.streamId,
      eventId: e.eventId,
      type: e.type,
      data: changed,
      metadata: rest,
      previousHash: e.streamId === target.streamId ? previous : integrity.previousHash,
      ...(integrity.version === undefined ? {} : { version: integrity.version }),
    });
    ends.set(e.streamId, link.hash);
    await copy.appendToStream(
      e.streamId,
      [
        {
          eventId: e.eventId,
          type: e.type,
          data: JSON.stringify(changed),
          metadata: JSON.stringify({ ...rest, integrity: link }),
          recordedAt: e.recordedAt,
        },
      ],
      { expectedRevision: 'any' },
    );
  }
  return copy;
};

describe('consistency bundles', () => {
  it('verify between checkpoints of any two sizes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (i, j) => {
        const a = Math.min(i % checkpoints.length, j % checkpoints.length);
        const b = Math.max(i % checkpoints.length, j % checkpoints.length);
        const from = checkpoints[a] as SignedCheckpoint;
        const to = checkpoints[b] as SignedCheckpoint;
        const bundle = await consistencyProofBundle(store, from, to);
        if (E.isLeft(bundle)) throw new Error(bundle.left.message);
        const checked = verifyProofBundle(formatProofBundle(bundle.right), key.verifier);
        expect(checked).toEqual(
          E.right({ kind: 'consistency', from: from.checkpoint, to: to.checkpoint }),
        );
        if (a !== b) {
          const backwards = await consistencyProofBundle(store, to, from);
          expect(E.isLeft(backwards) && backwards.left.problem).toBe('badSizes');
        }
      }),
      { numRuns: 20 },
    );
  });

  it('fail when the later checkpoint is of a rewritten history', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (pickFrom, pickVictim) => {
        const from = checkpoints[pickFrom % (checkpoints.length - 1)] as SignedCheckpoint;
        const victim = pickVictim % from.checkpoint.size;
        const forged = await rewritten(victim);
        expect((await verifyAll(forged)).intact).toBe(true); // alone, the rewrite goes unnoticed
        const to = await sign(forged);
        // Neither store makes the bundle: each disagrees with one checkpoint.
        for (const s of [store, forged]) {
          const refused = await consistencyProofBundle(s, from, to);
          expect(E.isLeft(refused) && refused.left.problem).toBe('historyChanged');
        }
        // A bundle made by hand from the rewritten tree does not verify.
        const log = createMerkleLog();
        for await (const e of forged.readAll()) {
          const link = (JSON.parse(e.metadata) as { integrity: { hash: string } }).integrity;
          log.append(eventLeaf(link.hash));
        }
        const handMade = JSON.stringify({
          format: 'diplomatic-ledger/consistency-proof/v1',
          from: from.note,
          to: to.note,
          path: log.consistencyProof(from.checkpoint.size, to.checkpoint.size).map(hashToBase64),
        });
        const checked = verifyProofBundle(handMade, key.verifier);
        expect(E.isLeft(checked) && checked.left).toMatchObject({
          problem: 'notConsistent',
          proofRejection: 'root-mismatch',
        });
      }),
      { numRuns: 8 },
    );
  });

  it('refuse checkpoints of other logs, or signed by another key', async () => {
    const from = checkpoints[0] as SignedCheckpoint;
    const bundle = await consistencyProofBundle(store, from, latest());
    if (E.isLeft(bundle)) throw new Error(bundle.left.message);
    const text = (b: object) => JSON.stringify({ ...bundle.right, ...b });
    expect(problemOf(text({ to: signedByOther(latest().note) }))).toBe('checkpointNotSigned');
    expect(problemOf(text({ path: bundle.right.path.slice(1) }))).toBe('notConsistent');
    expect(problemOf(text({ from: latest().note, to: from.note }))).toBe('badSizes');
    const elsewhere = await signStoreCheckpoint(store, {
      signer: key.signer,
      origin: 'other.example/log',
    });
    if (E.isLeft(elsewhere)) throw new Error(elsewhere.left.message);
    expect(problemOf(text({ to: elsewhere.right.note }))).toBe('originsDiffer');
    const refused = await consistencyProofBundle(store, from, elsewhere.right);
    expect(E.isLeft(refused) && refused.left.problem).toBe('originsDiffer');
  });
});
