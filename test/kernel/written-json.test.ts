import * as E from 'fp-ts/Either';
import { BilateralMeeting } from '../../src/domain/bilateral-meeting';
import { validateAppend } from '../../src/kernel/append-validation';
import type { EventToAppend } from '../../src/kernel/event-store';
import { encodeEvent } from '../../src/kernel/recorded-event';
import { InvalidAppendError } from '../../src/kernel/store-errors';
import { isWrittenJson, withoutIntegrity } from '../../src/kernel/written-json';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';

// The store skips parsing only the very text the library serialised; everything else is parsed
// and refused as before.

const encoded = () => {
  const result = encodeEvent(
    BilateralMeeting.events,
    {
      type: 'BilateralMeetingHeld',
      occurredOn: '2025-09',
      data: {
        meetingId: 'm1',
        parties: ['PK', 'BH'],
        hostParty: 'PK',
        venue: 'Islamabad',
        delegations: [],
      },
    },
    {
      streamId: 'BilateralMeeting-m1',
      eventId: '0d2c9a43-5b7e-4d43-8b43-41d1b2cde001',
      previousHash: null,
      recordedAt: new Date('2025-09-10T12:00:00.000Z'),
      metadata: {
        actor: 'a',
        onBehalfOf: 'BH',
        reason: 'r',
        source: { kind: 'other', reference: 'x' },
        correlationId: '2b0f5b8e-2a0e-4a43-9a55-0e9f7d5f2c11',
        causationId: '2b0f5b8e-2a0e-4a43-9a55-0e9f7d5f2c11',
      },
    },
  );
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

const refusal = (append: EventToAppend): unknown => {
  try {
    validateAppend('BilateralMeeting-m1', [append], 'any');
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('JSON the library wrote itself', () => {
  it('is known for an encoded event and the copy the store is handed', () => {
    const event = encoded();
    const append = withoutIntegrity(event);
    expect(Object.keys(append).sort()).toEqual(
      ['data', 'eventId', 'metadata', 'recordedAt', 'type'].sort(),
    );
    for (const e of [event, append]) {
      expect(isWrittenJson(e, 'data', e.data)).toBe(true);
      expect(isWrittenJson(e, 'metadata', e.metadata)).toBe(true);
      expect(refusal(e)).toBeUndefined();
    }
  });

  it('is not known once the text is changed, so the store still refuses what is not JSON', () => {
    const changed = withoutIntegrity(encoded()) as {
      -readonly [K in keyof EventToAppend]: EventToAppend[K];
    };
    changed.data = '{"n": 1';
    expect(isWrittenJson(changed, 'data', changed.data)).toBe(false);
    expect(refusal(changed)).toBeInstanceOf(InvalidAppendError);
    expect((refusal(changed) as Error).message).toContain('data is not JSON');
    const metadataChanged = encoded() as { -readonly [K in keyof EventToAppend]: EventToAppend[K] };
    metadataChanged.metadata = 'by contract';
    expect((refusal(metadataChanged) as Error).message).toContain('metadata is not JSON');
  });

  it('is not known for a copy made by anyone else, or an event a caller made', async () => {
    const event = encoded();
    for (const append of [
      { ...event, data: '{"n": 1' },
      { ...event, metadata: 'by contract' },
      { eventId: event.eventId, type: event.type, data: 'nope', metadata: event.metadata },
    ]) {
      expect(isWrittenJson(append, 'data', append.data)).toBe(false);
      expect(isWrittenJson(append, 'metadata', append.metadata)).toBe(false);
      expect(refusal(append)).toBeInstanceOf(InvalidAppendError);
      await expect(
        createInMemoryEventStore().appendToStream('BilateralMeeting-m1', [append], {
          expectedRevision: 'any',
        }),
      ).rejects.toBeInstanceOf(InvalidAppendError);
    }
    // A copy with text unchanged is JSON, and parsed to find so.
    expect(isWrittenJson({ ...event }, 'data', event.data)).toBe(false);
    expect(refusal({ ...event })).toBeUndefined();
  });

  it('keeps every other check for an encoded event', () => {
    const event = withoutIntegrity(encoded());
    expect(refusal({ ...event, type: '' })).toBeInstanceOf(InvalidAppendError);
    expect(() => validateAppend('', [event], 'any')).toThrow(InvalidAppendError);
    expect(() => validateAppend('BilateralMeeting-m1', [event, event], 'any')).toThrow(
      'appears twice',
    );
  });
});
