import * as E from 'fp-ts/Either';
import { BilateralMeeting } from '../../src/domain/bilateral-meeting';
import type { BilateralMeetingEvent } from '../../src/domain/bilateral-meeting/events';
import {
  decodeRecordedEvent,
  encodeEvent,
  type EventEnvelope,
} from '../../src/kernel/recorded-event';
import { isTraceparent, isTracestate } from '../../src/kernel/trace-context';

/** Trace context in event metadata: checked when written and when read, optional in both. */
const event: BilateralMeetingEvent = {
  type: 'BilateralMeetingHeld',
  occurredOn: '2025-09-10',
  data: {
    meetingId: 'm1',
    parties: ['PK', 'BH'],
    hostParty: 'PK',
    venue: 'Islamabad',
    delegations: [],
  },
};
const writer = {
  actor: 'registrar',
  onBehalfOf: 'PK',
  reason: 'test',
  source: { kind: 'newsReport', reference: 'UrduPoint, 10 Sep 2025' },
  correlationId: '2b0f5b8e-2a0e-4a43-9a55-0e9f7d5f2c11',
  causationId: '2b0f5b8e-2a0e-4a43-9a55-0e9f7d5f2c11',
} as const;
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const envelope = (metadata: Record<string, unknown>): EventEnvelope => ({
  streamId: 'BilateralMeeting-m1',
  eventId: '0d2c9a43-5b7e-4d43-8b43-41d1b2cde001',
  previousHash: null,
  recordedAt: new Date('2025-09-11T08:00:00Z'),
  metadata: { ...writer, ...metadata } as EventEnvelope['metadata'],
});

const encode = (metadata: Record<string, unknown>) =>
  encodeEvent(BilateralMeeting.events, event, envelope(metadata));

const stored = (metadata: string) => ({
  streamId: 'BilateralMeeting-m1',
  revision: 0n,
  position: 0n,
  eventId: '0d2c9a43-5b7e-4d43-8b43-41d1b2cde001',
  type: 'BilateralMeetingHeld',
  data: JSON.stringify(event.data),
  metadata,
  recordedAt: new Date('2025-09-11T08:00:00Z'),
});

describe('trace context in event metadata', () => {
  it('is written and read back as given, and is optional', () => {
    for (const trace of [
      {},
      { traceparent: TRACEPARENT },
      { traceparent: TRACEPARENT, tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE' },
    ]) {
      const encoded = encode(trace);
      if (E.isLeft(encoded)) throw new Error(encoded.left.message);
      const decoded = decodeRecordedEvent(BilateralMeeting.events, stored(encoded.right.metadata));
      if (E.isLeft(decoded)) throw new Error(decoded.left.message);
      expect(decoded.right.metadata).toMatchObject(trace);
      expect('traceparent' in decoded.right.metadata).toBe('traceparent' in trace);
    }
  });

  it.each([
    ['an upper-case id', { traceparent: TRACEPARENT.toUpperCase() }, 'traceparent'],
    [
      'an all-zero trace id',
      { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` },
      'traceparent',
    ],
    [
      'an all-zero parent id',
      { traceparent: `00-${'a'.repeat(32)}-${'0'.repeat(16)}-01` },
      'traceparent',
    ],
    ['another version', { traceparent: TRACEPARENT.replace(/^00/, '01') }, 'traceparent'],
    ['a number', { traceparent: 1 }, 'traceparent'],
    [
      'a tracestate that is no list',
      { traceparent: TRACEPARENT, tracestate: 'no equals' },
      'tracestate',
    ],
    ['a tracestate without its traceparent', { tracestate: 'vendor=1' }, ''],
  ])('refuses %s, naming it', (_, trace, path) => {
    const encoded = encode(trace);
    if (E.isRight(encoded)) throw new Error('expected the event to be refused');
    if (encoded.left.kind !== 'InvalidEvent') throw new Error(encoded.left.message);
    expect(encoded.left.issues.map((i) => i.path)).toContain(
      path === '' ? 'metadata.(root)' : `metadata.${path}`,
    );
    expect(encoded.left.message).toMatch(
      /Traceparent|Tracestate|tracestate comes only with its traceparent/,
    );

    // Read from a store, the same metadata is a decode error, never an event.
    const good = encode({ traceparent: TRACEPARENT });
    if (E.isLeft(good)) throw new Error(good.left.message);
    const tampered = { ...JSON.parse(good.right.metadata), traceparent: undefined, ...trace };
    const decoded = decodeRecordedEvent(BilateralMeeting.events, stored(JSON.stringify(tampered)));
    expect(E.isLeft(decoded) && decoded.left.problem).toBe('invalidMetadata');
  });

  it('knows W3C tracestate lists', () => {
    expect(isTracestate('a=1')).toBe(true);
    expect(isTracestate('tenant@system=v, other=two words')).toBe(true);
    expect(isTracestate('')).toBe(false);
    expect(isTracestate('a=1,a=2')).toBe(false);
    expect(isTracestate('a=1 ')).toBe(false);
    expect(isTracestate(Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(','))).toBe(false);
    expect(isTracestate(`k=${'v'.repeat(257)}`)).toBe(false);
    expect(isTraceparent(TRACEPARENT)).toBe(true);
    expect(isTraceparent(`${TRACEPARENT}-extra`)).toBe(false);
  });
});
