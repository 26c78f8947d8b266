"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.auditFloor = exports.auditReplay = exports.writeAuditHistory = exports.EVENTS_PER_STREAM = void 0;
const better_sqlite3_1 = __importDefault(require("better-sqlite3"));
const E = __importStar(require("fp-ts/Either"));
const uuid_1 = require("uuid");
const audit_trail_1 = require("../../../src/audit/audit-trail");
const event_id_1 = require("../../../src/kernel/event-id");
const integrity_1 = require("../../../src/kernel/integrity");
const checkpoint_1 = require("../../../src/projections/checkpoint");
const sqlite_event_store_1 = require("../../../src/store/sqlite-event-store");
/**
 * A long history for the audit replay: `streams` MoUs of ten events each, sealed into real
 * integrity chains with the kernel's `sealEvent` and appended one stream at a time. The writer
 * does not sync every commit (`synchronous: 'normal'`): durability is not what is measured here.
 */
exports.EVENTS_PER_STREAM = 10;
const lifecycle = (mouId) => {
    const signatory = (party, title) => ({ title, party, holder: 'A. Minister' });
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
/** Writes `streams` × 10 sealed events into a new store file. */
const writeAuditHistory = async (file, streams) => {
    const store = (0, sqlite_event_store_1.openSqliteEventStore)(file, { synchronous: 'normal' });
    try {
        for (let s = 0; s < streams; s++) {
            const mouId = `audit-${s}`;
            const streamId = `MoU-${mouId}`;
            const commandId = (0, uuid_1.v4)();
            let previousHash = null;
            const events = lifecycle(mouId).map((event, index) => {
                const eventId = (0, event_id_1.eventIdFor)(commandId, index);
                const unsealed = {
                    actor: 'registrar@mofa.example',
                    onBehalfOf: 'PK',
                    reason: 'importing the archive',
                    source: { kind: 'officialDocument', reference: `archive file ${s}` },
                    correlationId: commandId,
                    causationId: commandId,
                    occurredOn: event.occurredOn,
                    schemaVersion: event.type === 'MoUSigned' ? 2 : 1,
                };
                const integrity = (0, integrity_1.sealEvent)({
                    streamId,
                    eventId,
                    type: event.type,
                    data: event.data,
                    metadata: unsealed,
                    previousHash,
                });
                previousHash = integrity.hash;
                return {
                    eventId,
                    type: event.type,
                    data: JSON.stringify(event.data),
                    metadata: JSON.stringify({ ...unsealed, integrity }),
                };
            });
            await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
        }
    }
    finally {
        await store.close();
    }
};
exports.writeAuditHistory = writeAuditHistory;
const mb = (bytes) => bytes / 1024 / 1024;
/** In a process of its own: every event of the file through the audit trail. */
const auditReplay = async (file) => {
    const store = (0, sqlite_event_store_1.openSqliteEventStore)(file);
    let peak = process.memoryUsage().rss;
    let events = 0;
    let intact = 0;
    const started = performance.now();
    try {
        for await (const entry of (0, audit_trail_1.auditTrail)(store, checkpoint_1.libraryEvents)) {
            events++;
            if (E.isRight(entry) && entry.right.integrity === 'intact')
                intact++;
            if (events % 10_000 === 0)
                peak = Math.max(peak, process.memoryUsage().rss);
        }
    }
    finally {
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
exports.auditReplay = auditReplay;
/** The floor, in a process of its own: raw rows of the same file, both texts parsed. */
const auditFloor = (file) => {
    const db = new better_sqlite3_1.default(file, { readonly: true });
    let peak = process.memoryUsage().rss;
    let events = 0;
    const started = performance.now();
    try {
        const rows = db
            .prepare('SELECT stream_id, data, metadata FROM events ORDER BY position')
            .iterate();
        for (const row of rows) {
            JSON.parse(row.data);
            JSON.parse(row.metadata);
            events++;
            if (events % 10_000 === 0)
                peak = Math.max(peak, process.memoryUsage().rss);
        }
    }
    finally {
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
exports.auditFloor = auditFloor;
