import * as E from 'fp-ts/Either';
import { BilateralMeeting } from '../../src/domain/bilateral-meeting';
import { decodeRecordedEvent, encodeEvent } from '../../src/kernel/recorded-event';
import type { StoredEvent } from '../../src/kernel/event-store';
import { handleCommand } from '../../src/kernel/command-handler';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import * as fc from 'fast-check';
import * as t from 'io-ts';
import { eventCatalog, eventType } from '../../src/kernel/event';
import { createChainChecker } from '../../src/audit/integrity-check';
import { sealEvent, Sha256Hex } from '../../src/kernel/integrity';
import { context } from '../support/context';

const metadata = {
  actor: 'registrar',
  onBehalfOf: 'PK',
  reason: 'test',
  source: { kind: 'newsReport', reference: 'UrduPoint, 10 Sep 2025' },
  correlationId: '2b0f5b8e-2a0e-4a43-9a55-0e9f7d5f2c11',
  causationId: '2b0f5b8e-2a0e-4a43-9a55-0e9f7d5f2c11',
  occurredOn: '2025-09-10',
  schemaVersion: 1,
  integrity: { previousHash: null, dataHash: 'a'.repeat(64), hash: 'b'.repeat(64) },
};
const data = {
  meetingId: 'm1',
  parties: ['PK', 'BH'],
  hostParty: 'PK',
  venue: 'Islamabad',
  delegations: [],
};
const stored = (overrides: Partial<StoredEvent>): StoredEvent => ({
  streamId: 'BilateralMeeting-m1',
  revision: 3n,
  position: 17n,
  eventId: '0d2c9a43-5b7e-4d43-8b43-41d1b2cde001',
  type: 'BilateralMeetingHeld',
  data: JSON.stringify(data),
  metadata: JSON.stringify(metadata),
  recordedAt: new Date('2025-09-11T08:00:00Z'),
  ...overrides,
});

const decodeFailure = (event: StoredEvent) => {
  const result = decodeRecordedEvent(BilateralMeeting.events, event);
  if (E.isRight(result)) throw new Error('expected a decode error');
  return result.left;
};

describe('decoding stored events', () => {
  it('decodes a well-formed event with its metadata and occurredOn', () => {
    const result = decodeRecordedEvent(BilateralMeeting.events, stored({}));
    expect(E.isRight(result)).toBe(true);
    if (E.isRight(result)) {
      expect(result.right.event).toEqual({
        type: 'BilateralMeetingHeld',
        occurredOn: '2025-09-10',
        data,
      });
      expect(result.right.metadata.onBehalfOf).toBe('PK');
      expect(result.right.revision).toBe(3n);
    }
  });

  it('names stream, revision and type when the data is not JSON', () => {
    const error = decodeFailure(stored({ data: '{"meetingId": ' }));
    expect(error).toMatchObject({
      problem: 'badJson',
      streamId: 'BilateralMeeting-m1',
      revision: 3n,
    });
    expect(error.message).toContain('BilateralMeetingHeld at BilateralMeeting-m1@3');
  });

  it('refuses an unknown event type, listing the known ones', () => {
    const error = decodeFailure(stored({ type: 'MeetingCancelled' }));
    expect(error.problem).toBe('unknownType');
    expect(error.message).toContain('SourcedFactNoted');
  });

  it('names the failing path when a field is missing', () => {
    const { venue: _venue, ...withoutVenue } = data;
    const error = decodeFailure(stored({ data: JSON.stringify(withoutVenue) }));
    expect(error.problem).toBe('invalidData');
    expect(error.issues.map((i) => i.path)).toContain('data.venue');
  });

  it('names the failing metadata path', () => {
    const error = decodeFailure(
      stored({ metadata: JSON.stringify({ ...metadata, occurredOn: '2025-13' }) }),
    );
    expect(error.problem).toBe('invalidMetadata');
    expect(error.issues.map((i) => i.path)).toContain('metadata.occurredOn');
  });

  it('refuses a history written by a newer schema than the code knows', () => {
    const error = decodeFailure(
      stored({ metadata: JSON.stringify({ ...metadata, schemaVersion: 2 }) }),
    );
    expect(error.problem).toBe('unsupportedSchemaVersion');
    expect(error.message).toContain('version 2');
  });

  it('encodes then decodes to the same event (round trip)', () => {
    const event = {
      type: 'BilateralMeetingHeld' as const,
      occurredOn: '2025-09',
      data: { ...data, parties: ['PK', 'BH'] as [string, string] },
    };
    const encoded = encodeEvent(BilateralMeeting.events, event, {
      streamId: 'BilateralMeeting-m1',
      eventId: '0d2c9a43-5b7e-4d43-8b43-41d1b2cde001',
      previousHash: null,
      recordedAt: new Date('2025-09-10T12:00:00.000Z'),
      metadata: {
        actor: 'a',
        onBehalfOf: 'BH',
        reason: 'r',
        source: { kind: 'other', reference: 'x' },
        correlationId: metadata.correlationId,
        causationId: metadata.causationId,
      },
    });
    if (E.isLeft(encoded)) throw new Error(encoded.left.message);
    const decoded = decodeRecordedEvent(BilateralMeeting.events, stored(encoded.right));
    expect(E.isRight(decoded) && decoded.right.event).toEqual(event);
    expect(E.isRight(decoded) && decoded.right.metadata.integrity).toEqual(encoded.right.integrity);
  });
});

describe('encoding an event', () => {
  const Measured = eventType('Measured', t.strict({ reading: t.number }));
  const catalog = eventCatalog(Measured);
  const envelope = {
    streamId: 'Gauge-g1',
    eventId: '0d2c9a43-5b7e-4d43-8b43-41d1b2cde001',
    previousHash: null,
    recordedAt: new Date('2025-09-10T12:00:00.000Z'),
    metadata: {
      actor: 'a',
      onBehalfOf: 'BH',
      reason: 'r',
      source: { kind: 'other' as const, reference: 'x' },
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
    },
  };

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'refuses data JSON cannot hold exactly (%s)',
    (reading) => {
      const result = encodeEvent(
        catalog,
        { type: 'Measured', occurredOn: '2025-09', data: { reading } },
        envelope,
      );
      expect(E.isLeft(result) && result.left).toMatchObject({
        kind: 'InvalidEvent',
        eventType: 'Measured',
        message: expect.stringContaining('no exact JSON form'),
      });
    },
  );

  it('records only the keys its codec knows, and seals what it records', () => {
    const event = {
      type: 'Measured' as const,
      occurredOn: '2025-09',
      data: { reading: -0.1, unexpected: 'kept out' },
    };
    const result = encodeEvent(catalog, event, envelope);
    if (E.isLeft(result)) throw new Error(result.left.message);
    expect(JSON.parse(result.right.data)).toEqual({ reading: -0.1 });
    const check = createChainChecker().check(
      stored({ ...result.right, streamId: 'Gauge-g1', revision: 0n }),
    );
    expect(check.finding).toBeUndefined();
    expect(check.hash).toBe(result.right.integrity.hash);
  });
});

describe('a SHA-256 digest in hex', () => {
  it('is 64 lowercase hexadecimal digits, and nothing else', () => {
    const hex = '0123456789abcdef'.repeat(4);
    expect(Sha256Hex.is(hex)).toBe(true);
    for (const bad of [
      hex.slice(1),
      `${hex}0`,
      hex.toUpperCase(),
      `g${hex.slice(1)}`,
      `/${hex.slice(1)}`,
      `:${hex.slice(1)}`,
      `\`${hex.slice(1)}`,
    ])
      expect(Sha256Hex.is(bad)).toBe(false);
  });
});

describe('sealing', () => {
  // Events are sealed as the codec hands them over, and verified from the stored text read back:
  // the two must agree for every value JSON holds exactly.
  const value = fc.letrec((tie) => ({
    any: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.string({ unit: 'binary' }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.array(fc.oneof(tie('any'), fc.constant(undefined))),
      fc.dictionary(fc.string(), fc.oneof(tie('any'), fc.constant(undefined))),
    ),
  })).any;

  it('gives the same link for data as it stands and for its JSON text read back', () => {
    fc.assert(
      fc.property(value, (data) => {
        const input = {
          streamId: 's',
          eventId: '0d2c9a43-5b7e-4d43-8b43-41d1b2cde001',
          type: 'T',
          metadata: { actor: 'a' },
          previousHash: null,
        };
        const readBack = JSON.parse(JSON.stringify(data)) as unknown;
        expect(sealEvent({ ...input, data })).toEqual(sealEvent({ ...input, data: readBack }));
      }),
    );
  });
});

describe('a stream holding a malformed event', () => {
  it('refuses to decide on it and says which event is bad', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream(
      'BilateralMeeting-m1',
      [{ ...stored({}), data: JSON.stringify({ meetingId: 'm1' }) }],
      { expectedRevision: 'no_stream' },
    );
    const result = await handleCommand(
      store,
      BilateralMeeting,
      {
        type: 'NoteSourcedFact',
        meetingId: 'm1',
        factId: 'f1',
        statement: 'over 120,000 Pakistanis live in Bahrain',
        occurredOn: '2025-09-10',
      },
      context(),
    );
    expect(E.isLeft(result) && result.left.kind).toBe('CorruptHistory');
    expect(E.isLeft(result) && result.left.message).toContain('BilateralMeeting-m1@0');
    const events = [];
    for await (const e of store.readStream('BilateralMeeting-m1')) events.push(e);
    expect(events).toHaveLength(1);
  });
});
