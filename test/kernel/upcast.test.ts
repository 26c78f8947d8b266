import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { createChainChecker } from '../../src/audit/integrity-check';
import { eventCatalog, eventType } from '../../src/kernel/event';
import type { StoredEvent } from '../../src/kernel/event-store';
import { sealEvent } from '../../src/kernel/integrity';
import { Name, Reference } from '../../src/kernel/text';
import { decodeRecordedEvent, encodeEvent } from '../../src/kernel/recorded-event';
import type { JsonObject, Upcaster, Upcasters } from '../../src/kernel/upcast';

/*
 * A test-only event type with three schema versions:
 *   v1 { bagId, to }                              the receiving party was called `to`
 *   v2 { bagId, receivingParty }                  renamed
 *   v3 { bagId, receivingParty, dispatchYear }    the year, taken from occurredOn
 */
const v3Data = t.strict(
  { bagId: Reference, receivingParty: Name, dispatchYear: Name },
  'BagDispatchedData',
);

const calls: string[] = [];
const v1ToV2: Upcaster = ({ to, ...rest }) => {
  calls.push('1→2');
  return { ...rest, receivingParty: to ?? null };
};
const v2ToV3: Upcaster = (data, { occurredOn }) => {
  calls.push('2→3');
  return { ...data, dispatchYear: occurredOn.slice(0, 4) };
};

const bagDispatched = (upcasters: Upcasters) =>
  eventCatalog(eventType('BagDispatched', v3Data, { schemaVersion: 3, upcasters }));
const complete = bagDispatched({ 1: v1ToV2, 2: v2ToV3 });

const streamId = 'Bag-b7';

/** A stored event sealed as the library wrote it in `schemaVersion`; `data` is kept as given. */
const stored = (schemaVersion: number, data: JsonObject, revision = 4n): StoredEvent => {
  const eventId = '4f7f2a2e-1b8c-4a7e-9a51-0c7d7e2b9a10';
  const metadata = {
    actor: 'registry@mofa.example',
    onBehalfOf: 'PK',
    reason: 'bag sent',
    source: { kind: 'other', reference: 'dispatch log' },
    correlationId: '8c4d0a52-5a4e-4c61-8f0e-3b9d2f1a7e21',
    causationId: '8c4d0a52-5a4e-4c61-8f0e-3b9d2f1a7e21',
    occurredOn: '2024-03-02',
    schemaVersion,
  };
  const integrity = sealEvent({
    streamId,
    eventId,
    type: 'BagDispatched',
    data,
    metadata,
    previousHash: null,
  });
  return {
    streamId,
    revision,
    position: 40n,
    eventId,
    type: 'BagDispatched',
    data: JSON.stringify(data),
    metadata: JSON.stringify({ ...metadata, integrity }),
    recordedAt: new Date('2024-03-02T10:00:00Z'),
  };
};

const decoded = (catalog: typeof complete, event: StoredEvent) => {
  const result = decodeRecordedEvent(catalog, event);
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};
const failure = (catalog: typeof complete, event: StoredEvent) => {
  const result = decodeRecordedEvent(catalog, event);
  if (E.isRight(result)) throw new Error('expected a decode error');
  return result.left;
};

beforeEach(() => {
  calls.length = 0;
});

describe('reading older schema versions through a chain of upcasters', () => {
  it('reads version 1 as version 3, running 1→2 then 2→3', () => {
    const recorded = decoded(complete, stored(1, { bagId: 'b7', to: 'BH' }));
    expect(recorded.event).toEqual({
      type: 'BagDispatched',
      occurredOn: '2024-03-02',
      data: { bagId: 'b7', receivingParty: 'BH', dispatchYear: '2024' },
    });
    expect(calls).toEqual(['1→2', '2→3']);
  });

  it('starts the chain at the version stored: version 2 runs 2→3 only', () => {
    const recorded = decoded(complete, stored(2, { bagId: 'b7', receivingParty: 'BH' }));
    expect(recorded.event.data).toEqual({
      bagId: 'b7',
      receivingParty: 'BH',
      dispatchYear: '2024',
    });
    expect(calls).toEqual(['2→3']);
  });

  it('reads the current version with its codec alone', () => {
    const data = { bagId: 'b7', receivingParty: 'BH', dispatchYear: '2023' };
    expect(decoded(complete, stored(3, data)).event.data).toEqual(data);
    expect(calls).toEqual([]);
  });

  it('keeps the metadata and the stored text as written: version 1 stays version 1', () => {
    const event = stored(1, { bagId: 'b7', to: 'BH' });
    const recorded = decoded(complete, event);
    expect(recorded.metadata.schemaVersion).toBe(1);
    expect(JSON.parse(event.data)).toEqual({ bagId: 'b7', to: 'BH' });
  });

  it('leaves the integrity of an old event verifiable, before and after reading it', () => {
    const event = stored(1, { bagId: 'b7', to: 'BH' });
    decoded(complete, event);
    const checker = createChainChecker();
    expect(checker.check(event).finding).toBeUndefined();
    // Sealing the upcast data instead would give another digest: the hash is over what is stored.
    const upcastDigest = sealEvent({
      streamId,
      eventId: event.eventId,
      type: event.type,
      data: { bagId: 'b7', receivingParty: 'BH', dispatchYear: '2024' },
      metadata: {},
      previousHash: null,
    }).dataHash;
    expect(JSON.parse(event.metadata).integrity.dataHash).not.toBe(upcastDigest);
  });

  it('writes new events in the current version, which read back without upcasting', () => {
    const event = {
      type: 'BagDispatched' as const,
      occurredOn: '2025-01',
      data: { bagId: 'b8', receivingParty: 'PK', dispatchYear: '2025' },
    };
    const encoded = encodeEvent(complete, event, {
      streamId,
      eventId: '0d2c9a43-5b7e-4d43-8b43-41d1b2cde001',
      previousHash: null,
      recordedAt: new Date('2025-09-10T12:00:00.000Z'),
      metadata: {
        actor: 'a',
        onBehalfOf: 'PK',
        reason: 'r',
        source: { kind: 'other', reference: 'x' },
        correlationId: '8c4d0a52-5a4e-4c61-8f0e-3b9d2f1a7e21',
        causationId: '8c4d0a52-5a4e-4c61-8f0e-3b9d2f1a7e21',
      },
    });
    if (E.isLeft(encoded)) throw new Error(encoded.left.message);
    expect(JSON.parse(encoded.right.metadata).schemaVersion).toBe(3);
    const recorded = decoded(complete, { ...stored(3, event.data), ...encoded.right });
    expect(recorded.event).toEqual(event);
    expect(calls).toEqual([]);
  });
});

describe('when the chain cannot be completed', () => {
  it('names stream, revision, type, the version found and the missing step', () => {
    const gap = bagDispatched({ 2: v2ToV3 });
    const error = failure(gap, stored(1, { bagId: 'b7', to: 'BH' }));
    expect(error).toMatchObject({
      kind: 'DecodeError',
      problem: 'missingUpcaster',
      streamId,
      revision: 4n,
      eventType: 'BagDispatched',
      schemaVersion: 1,
      missingStep: { from: 1, to: 2 },
    });
    expect(error.message).toBe(
      'cannot decode BagDispatched at Bag-b7@4: written with schema version 1; reading it as version 3 needs an upcaster from version 1 to 2, and none is declared for BagDispatched',
    );
    // No step runs when the chain is known to be incomplete.
    expect(calls).toEqual([]);
  });

  it('finds a gap in the middle of the chain too', () => {
    const error = failure(bagDispatched({ 1: v1ToV2 }), stored(1, { bagId: 'b7', to: 'BH' }));
    expect(error.missingStep).toEqual({ from: 2, to: 3 });
    expect(error.message).toContain('from version 2 to 3');
  });

  it('keeps refusing a version newer than the code knows, asking for an upgrade', () => {
    const error = failure(complete, stored(4, { bagId: 'b7' }));
    expect(error).toMatchObject({ problem: 'unsupportedSchemaVersion', schemaVersion: 4 });
    expect(error.message).toContain('knows BagDispatched only up to version 3');
    expect(error.message).toContain('upgrade diplomatic-ledger');
  });

  it('names the failing path when the upcast data does not fit today’s codec', () => {
    const error = failure(complete, stored(1, { bagId: 'b7' }));
    expect(error.problem).toBe('invalidData');
    expect(error.issues.map((i) => i.path)).toContain('data.receivingParty');
    expect(error.message).toContain('after upcasting from schema version 1 to 3');
  });

  it('reports an upcaster that throws as a decode error naming the step', () => {
    const throwing: Upcaster = () => {
      throw new Error('weight in an unknown unit');
    };
    const error = failure(
      bagDispatched({ 1: throwing, 2: v2ToV3 }),
      stored(1, { bagId: 'b7', to: 'BH' }),
    );
    expect(error.problem).toBe('upcastFailed');
    expect(error.message).toContain(
      'the upcaster from version 1 to 2 failed: weight in an unknown unit',
    );
  });

  it('refuses old data that is not a JSON object', () => {
    const event = { ...stored(1, { bagId: 'b7' }), data: '["b7","BH"]' };
    expect(failure(complete, event).problem).toBe('invalidData');
  });
});

describe('declaring upcasters', () => {
  const data = t.strict({ bagId: Reference });
  it.each([
    ['a version at or above the current one', 3, { 3: v2ToV3 }],
    ['version 0', 3, { 0: v1ToV2 }],
    ['a version that is not a whole number', 3, { 1.5: v1ToV2 }],
    ['any version when the current one is 1', 1, { 1: v1ToV2 }],
  ])('refuses an upcaster from %s', (_what, schemaVersion, upcasters) => {
    expect(() => eventType('BagDispatched', data, { schemaVersion, upcasters })).toThrow(
      /event type BagDispatched: an upcaster from version/,
    );
  });

  it('refuses a schema version that is not a positive whole number', () => {
    expect(() => eventType('BagDispatched', data, 0)).toThrow(/schema version must be/);
    expect(() => eventType('BagDispatched', data, { schemaVersion: 2.5 })).toThrow(
      /schema version must be/,
    );
  });

  it('accepts a plain version number, as before, with no upcasters', () => {
    const type = eventType('BagDispatched', data, 2);
    expect(type.schemaVersion).toBe(2);
    expect(type.upcasters).toEqual({});
    expect(eventType('BagDispatched', data).schemaVersion).toBe(1);
  });
});
