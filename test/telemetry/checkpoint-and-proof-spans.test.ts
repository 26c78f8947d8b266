import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import * as E from 'fp-ts/Either';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import { generateSigningKey, parseSignerKey, parseVerifierKey } from '../../src/audit/note-keys';
import {
  consistencyProofBundle,
  inclusionProofBundle,
  formatProofBundle,
} from '../../src/audit/proof-bundle';
import { verifyProofBundle } from '../../src/audit/proof-bundle-check';
import { signStoreCheckpoint, type SignedCheckpoint } from '../../src/audit/witnessing';
import { MoU } from '../../src/domain/mou';
import { handleCommand } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { StoreUnavailableError } from '../../src/kernel/store-errors';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context as commandContext } from '../support/context';
import { recordingSpans } from '../support/spans';

const spans = recordingSpans();

const ORIGIN = 'records.example/ledger';
const key = (() => {
  const generated = generateSigningKey(ORIGIN);
  if (E.isLeft(generated)) throw new Error(generated.left.message);
  const signer = parseSignerKey(generated.right.signerKey);
  const verifier = parseVerifierKey(generated.right.verifierKey);
  if (E.isLeft(signer) || E.isLeft(verifier)) throw new Error('the generated key does not parse');
  return { signer: signer.right, verifier: verifier.right };
})();

const named = (name: string): ReadableSpan[] =>
  spans.getFinishedSpans().filter((span) => span.name === name);

const only = (name: string): ReadableSpan => {
  const found = named(name);
  expect(found).toHaveLength(1);
  return found[0] as ReadableSpan;
};

const sign = async (store: EventStore): Promise<SignedCheckpoint> => {
  const signed = await signStoreCheckpoint(store, { signer: key.signer, origin: ORIGIN });
  if (E.isLeft(signed)) throw new Error(signed.left.message);
  return signed.right;
};

const store = createInMemoryEventStore({ now: () => new Date('2025-09-11T09:00:00Z') });
let first: SignedCheckpoint;
let second: SignedCheckpoint;
beforeAll(async () => {
  await recordPakistanBahrain2025(store);
  first = await sign(store);
  await handleCommand(
    store,
    MoU,
    {
      type: 'RecordNegotiationRound',
      mouId: 'pk-bh-extradition',
      round: 1,
      venue: 'Manama',
      occurredOn: '2025-09-10',
    },
    commandContext(),
  );
  second = await sign(store);
});

describe('telemetry of checkpoints and proofs', () => {
  it('spans signing a checkpoint, with the verification beneath it', async () => {
    const signed = await sign(store);
    const span = only('audit.checkpoint.sign');
    expect(span.attributes).toEqual({
      'ledger.origin': ORIGIN,
      'ledger.tree_size': signed.checkpoint.size,
    });
    expect(signed.checkpoint.size).toBeGreaterThan(first.checkpoint.size);
    expect(only('audit.verify').parentSpanContext?.spanId).toBe(span.spanContext().spanId);
  });

  it('names why a checkpoint was refused', async () => {
    const broken: EventStore = {
      ...store,
      readAll: (options) => {
        const events = store.readAll(options);
        return (async function* () {
          for await (const event of events)
            yield event.revision === 0n ? { ...event, data: '{"tampered":true}' } : event;
        })();
      },
    };
    const refused = await signStoreCheckpoint(broken, { signer: key.signer, origin: ORIGIN });
    expect(E.isLeft(refused)).toBe(true);
    expect(only('audit.checkpoint.sign').attributes).toEqual({
      'ledger.origin': ORIGIN,
      'ledger.failure': 'CheckpointRefused',
    });
  });

  it('spans an inclusion proof with the leaf it proves, or the reason it is refused', async () => {
    const made = await inclusionProofBundle(
      store,
      { streamId: 'MoU-pk-bh-extradition', revision: 0n },
      second,
    );
    if (E.isLeft(made)) throw new Error(made.left.message);
    expect(only('audit.proof.inclusion').attributes).toEqual({
      'ledger.stream_id': 'MoU-pk-bh-extradition',
      'ledger.revision': '0',
      'ledger.tree_size': second.checkpoint.size,
      'ledger.leaf_index': made.right.leafIndex,
      'ledger.path_length': made.right.path.length,
    });

    spans.reset();
    await inclusionProofBundle(
      store,
      { streamId: 'MoU-pk-bh-extradition', revision: 999n },
      second,
    );
    expect(only('audit.proof.inclusion').attributes['ledger.failure']).toBe('eventNotFound');
    expect(only('audit.proof.inclusion').status.code).toBe(0); // UNSET: a refusal, no error

    spans.reset();
    const down: EventStore = {
      ...store,
      readStream: () => {
        throw new StoreUnavailableError('the store is down');
      },
    };
    await expect(
      inclusionProofBundle(down, { streamId: 'MoU-pk-bh-extradition', revision: 0n }, second),
    ).rejects.toThrow('the store is down');
    const failed = only('audit.proof.inclusion');
    expect(failed.status.code).toBe(2); // ERROR
    expect(failed.events.map((e) => e.name)).toContain('exception');
  });

  it('spans a consistency proof with both tree sizes', async () => {
    const made = await consistencyProofBundle(store, first, second);
    if (E.isLeft(made)) throw new Error(made.left.message);
    expect(only('audit.proof.consistency').attributes).toEqual({
      'ledger.from_tree_size': first.checkpoint.size,
      'ledger.tree_size': second.checkpoint.size,
      'ledger.path_length': made.right.path.length,
    });
    spans.reset();
    await consistencyProofBundle(store, second, first);
    expect(only('audit.proof.consistency').attributes['ledger.failure']).toBe('badSizes');
  });

  it('spans checking a bundle, with what it proves or why it is rejected', async () => {
    const made = await inclusionProofBundle(
      store,
      { streamId: 'MoU-pk-bh-extradition', revision: 0n },
      second,
    );
    if (E.isLeft(made)) throw new Error(made.left.message);
    spans.reset();
    expect(E.isRight(verifyProofBundle(formatProofBundle(made.right), key.verifier))).toBe(true);
    expect(only('audit.proof.verify').attributes).toEqual({
      'ledger.valid': true,
      'ledger.proof_kind': 'inclusion',
      'ledger.tree_size': second.checkpoint.size,
      'ledger.leaf_index': made.right.leafIndex,
    });

    spans.reset();
    const consistency = await consistencyProofBundle(store, first, second);
    if (E.isLeft(consistency)) throw new Error(consistency.left.message);
    spans.reset();
    verifyProofBundle(formatProofBundle(consistency.right), key.verifier);
    expect(only('audit.proof.verify').attributes).toEqual({
      'ledger.valid': true,
      'ledger.proof_kind': 'consistency',
      'ledger.from_tree_size': first.checkpoint.size,
      'ledger.tree_size': second.checkpoint.size,
    });

    spans.reset();
    expect(E.isLeft(verifyProofBundle('not json', key.verifier))).toBe(true);
    expect(only('audit.proof.verify').attributes).toEqual({
      'ledger.valid': false,
      'ledger.failure': 'malformed',
    });
  });
});
