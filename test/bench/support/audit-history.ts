import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { v4 as uuidv4 } from 'uuid';
import { auditTrail } from '../../../src/audit/audit-trail';
import { eventIdFor } from '../../../src/kernel/event-id';
import type { EventToAppend } from '../../../src/kernel/event-store';
import { LINK_VERSION, sealEvent } from '../../../src/kernel/integrity';
import { libraryEvents } from '../../../src/projections/checkpoint';
import { openSqliteEventStore } from '../../../src/store/sqlite-event-store';

/**
 * A long history for the audit replay: `streams` MoUs of ten events each, sealed into real
 * integrity chains with the kernel's `sealEvent` and appended one stream at a time. The writer
 * does not sync every commit (`synchronous: 'normal'`): durability is not what is measured here.
 */

export const EVENTS_PER_STREAM = 10;

const lifecycle = (mouId: string): { type: string; occurredOn: string; data: object }[] => {
  const signatory = (party: string, title: string) => ({ title, party });
  return [
    {
      type: 'MoUProposed',
      occurredOn: '2025-01-10',
      data: {
        mouId,
        title: `Memorandum of understanding ${mouId}`,
        subject: 'combating transnational organised crime',
        parties: ['PK', 'BH'],
        proposedBy: 'PK',
        legalCharacter: 'nonBinding',
      },
    },
    ...[1, 2, 3, 4].map((round) => ({
      type: 'MoUNegotiationRoundHeld',
      occurredOn: `2025-0${round + 1}`,
      data: { mouId, round, venue: round % 2 === 0 ? 'Manama' : 'Islamabad' },
    })),
    {
      type: 'MoUTextAgreed',
      occurredOn: '2025-06-20',
      data: {
        mouId,
        textVersion: 1,
        textDigest: 'ab'.repeat(32),
        noticePeriodDays: 180,
        expiresOn: '2030-06-30',
      },
    },
    {
      type: 'MoUSigned',
      occurredOn: '2025-07-02',
      data: {
        mouId,
        party: 'PK',
        signatory: signatory('PK', 'Minister for Interior'),
        place: 'Manama',
      },
    },
    {
      type: 'MoUSigned',
      occurredOn: '2025-07-02',
      data: {
        mouId,
        party: 'BH',
        signatory: signatory('BH', 'Minister of Interior'),
        place: 'Manama',
      },
    },
    { type: 'MoUEnteredIntoForce', occurredOn: '2025-08-01', data: { mouId, method: 'onDate' } },
    {
      type: 'MoUTermExtended',
      occurredOn: '2029-11-15',
      data: { mouId, newExpiresOn: '2035-06-30' },
    },
  ];
};

/**
 * Writes `streams` × 10 sealed events into a new store file. With `sealedAt`, they are sealed as
 * the library writes them since 0.2 (link version 2, the instant in the metadata and the store).
 */
export const writeAuditHistory = async (
  file: string,
  streams: number,
  sealedAt?: Date,
): Promise<void> => {
  const store = openSqliteEventStore(file, { synchronous: 'normal' });
  try {
    for (let s = 0; s < streams; s++) {
      const mouId = `audit-${s}`;
      const streamId = `MoU-${mouId}`;
      const commandId = uuidv4();
      let previousHash: string | null = null;
      const events: EventToAppend[] = lifecycle(mouId).map((event, index) => {
        const eventId = eventIdFor(streamId, commandId, index);
        const unsealed = {
          actor: 'registrar@mofa.example',
          onBehalfOf: 'PK',
          reason: 'importing the archive',
          source: { kind: 'officialDocument', reference: `archive file ${s}` },
          correlationId: commandId,
          causationId: commandId,
          occurredOn: event.occurredOn,
          schemaVersion: event.type === 'MoUSigned' ? 2 : 1,
          ...(sealedAt === undefined ? {} : { recordedAt: sealedAt.toISOString() }),
        };
        const integrity = sealEvent({
          streamId,
          eventId,
          type: event.type,
          data: event.data,
          metadata: unsealed,
          previousHash,
          ...(sealedAt === undefined ? {} : { version: LINK_VERSION }),
        });
        previousHash = integrity.hash;
        return {
          eventId,
          type: event.type,
          data: JSON.stringify(event.data),
          metadata: JSON.stringify({ ...unsealed, integrity }),
          ...(sealedAt === undefined ? {} : { recordedAt: sealedAt }),
        };
      });
      await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
    }
  } finally {
    await store.close();
  }
};

export interface AuditFigures {
  readonly events: number;
  readonly intact: number;
  readonly ms: number;
  /** The most this process ever held, as the kernel counts it. */
  readonly maxRssMb: number;
  /** The highest RSS sampled during the replay (every 10,000 events). */
  readonly sampledPeakMb: number;
}

const mb = (bytes: number): number => bytes / 1024 / 1024;

/** In a process of its own: every event of the file through the audit trail. */
export const auditReplay = async (file: string): Promise<AuditFigures> => {
  const store = openSqliteEventStore(file);
  let peak = process.memoryUsage().rss;
  let events = 0;
  let intact = 0;
  const started = performance.now();
  try {
    for await (const entry of auditTrail(store, libraryEvents)) {
      events++;
      if (E.isRight(entry) && entry.right.integrity === 'intact') intact++;
      if (events % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
  } finally {
    await store.close();
  }
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().rss);
  // resourceUsage().maxRSS is in kilobytes.
  return {
    events,
    intact,
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sampledPeakMb: mb(peak),
  };
};

/** The floor, in a process of its own: raw rows of the same file, both texts parsed. */
export const auditFloor = (file: string): AuditFigures => {
  const db = new Database(file, { readonly: true });
  let peak = process.memoryUsage().rss;
  let events = 0;
  const started = performance.now();
  try {
    const rows = db
      .prepare('SELECT stream_id, data, metadata FROM events ORDER BY position')
      .iterate() as Iterable<{ data: string; metadata: string }>;
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      events++;
      if (events % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
  } finally {
    db.close();
  }
  return {
    events,
    intact: events,
    ms: performance.now() - started,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sampledPeakMb: mb(peak),
  };
};
