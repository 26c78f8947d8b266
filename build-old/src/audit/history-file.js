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
Object.defineProperty(exports, "__esModule", { value: true });
exports.importHistoryFile = exports.linesOfFile = exports.importHistory = exports.exportHistoryToFile = exports.HISTORY_FORMAT_VERSION = exports.HISTORY_FORMAT = void 0;
exports.exportHistory = exportHistory;
const E = __importStar(require("fp-ts/Either"));
const node_fs_1 = require("node:fs");
const node_events_1 = require("node:events");
const node_readline_1 = require("node:readline");
const t = __importStar(require("io-ts"));
const store_errors_1 = require("../kernel/store-errors");
const validation_1 = require("../kernel/validation");
const integrity_check_1 = require("./integrity-check");
/**
 * A history as JSON Lines: a header, one recorded event per line (data and metadata as JSON,
 * integrity link included), and a footer with the count and the running digest, so a file cut
 * short or with lines removed at its end is refused as surely as one edited in the middle.
 */
exports.HISTORY_FORMAT = 'diplomatic-ledger/history';
exports.HISTORY_FORMAT_VERSION = 1;
const BigIntString = new t.Type('integer as a string', (u) => typeof u === 'bigint', (u, c) => typeof u === 'string' && /^(0|[1-9]\d*)$/.test(u) ? t.success(BigInt(u)) : t.failure(u, c), (b) => b.toString());
const IsoInstant = new t.Type('ISO 8601 instant', (u) => u instanceof Date, (u, c) => {
    if (typeof u !== 'string')
        return t.failure(u, c);
    const d = new Date(u);
    return Number.isNaN(d.getTime()) ? t.failure(u, c) : t.success(d);
}, (d) => d.toISOString());
const HeaderLine = t.strict({ format: t.literal(exports.HISTORY_FORMAT), version: t.literal(exports.HISTORY_FORMAT_VERSION) }, 'header');
const EventLine = t.strict({
    position: BigIntString,
    streamId: t.string,
    revision: BigIntString,
    eventId: t.string,
    type: t.string,
    recordedAt: IsoInstant,
    data: t.unknown,
    metadata: t.unknown,
}, 'event line');
const FooterLine = t.strict({ end: t.literal(true), events: t.number, digest: t.string }, 'footer');
const toLine = (event) => JSON.stringify({
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    eventId: event.eventId,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data: JSON.parse(event.data),
    metadata: JSON.parse(event.metadata),
});
/** The whole store in global order, as the lines of a history file (without line breaks). */
async function* exportHistory(store, options = {}) {
    const checker = (0, integrity_check_1.createChainChecker)();
    yield JSON.stringify({ format: exports.HISTORY_FORMAT, version: exports.HISTORY_FORMAT_VERSION });
    for await (const event of store.readAll()) {
        checker.check(event);
        yield toLine(event);
        options.onProgress?.(checker.checked());
    }
    yield JSON.stringify({ end: true, events: checker.checked(), digest: checker.digest() });
}
/** Writes the history to a file; resolves with the number of events and the digest written. */
const exportHistoryToFile = async (store, path, options = {}) => {
    const out = (0, node_fs_1.createWriteStream)(path, { encoding: 'utf8' });
    let last = '';
    try {
        for await (const line of exportHistory(store, options)) {
            if (!out.write(`${line}\n`))
                await (0, node_events_1.once)(out, 'drain');
            last = line;
        }
    }
    finally {
        out.end();
        await (0, node_events_1.once)(out, 'finish');
    }
    const footer = JSON.parse(last);
    return { events: footer.events, digest: footer.digest };
};
exports.exportHistoryToFile = exportHistoryToFile;
const refused = (line, message) => E.left({ kind: 'ImportRefused', line, message: `line ${line}: ${message}` });
const decodeAs = (codec, json) => {
    const decoded = codec.decode(json);
    return E.isLeft(decoded)
        ? E.left(`not a valid ${codec.name} (${(0, validation_1.formatIssues)((0, validation_1.toIssues)(decoded.left))})`)
        : E.right(decoded.right);
};
/** Reads one line of a history file as the header (line 1), the footer, or an event. */
const readLine = (text, lineNo) => {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        return E.left(`not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (lineNo === 1)
        return E.map(() => ({ kind: 'header' }))(E.mapLeft((m) => `not a ${exports.HISTORY_FORMAT} file: ${m}`)(decodeAs(HeaderLine, json)));
    if (typeof json === 'object' && json !== null && 'end' in json)
        return E.map((footer) => ({ kind: 'footer', footer }))(decodeAs(FooterLine, json));
    return E.map((event) => ({ kind: 'event', event }))(decodeAs(EventLine, json));
};
const toStored = (line) => ({
    ...line,
    data: JSON.stringify(line.data),
    metadata: JSON.stringify(line.metadata),
});
const check = async (lines, options) => {
    const checker = (0, integrity_check_1.createChainChecker)();
    const lastRevision = new Map();
    let lineNo = 0;
    let lastPosition;
    let footer;
    for await (const text of lines) {
        lineNo++;
        if (footer !== undefined)
            return refused(lineNo, 'a line follows the footer');
        const line = readLine(text, lineNo);
        if (E.isLeft(line))
            return refused(lineNo, line.left);
        if (line.right.kind === 'header')
            continue;
        if (line.right.kind === 'footer') {
            footer = line.right.footer;
            continue;
        }
        const event = line.right.event;
        if (lastPosition !== undefined && event.position <= lastPosition)
            return refused(lineNo, `position ${event.position} does not follow position ${lastPosition}`);
        lastPosition = event.position;
        const expected = (lastRevision.get(event.streamId) ?? -1n) + 1n;
        if (event.revision !== expected)
            return refused(lineNo, `${event.streamId}@${event.revision} where revision ${expected} was due: events are missing before it`);
        lastRevision.set(event.streamId, event.revision);
        const { finding } = checker.check(toStored(event));
        if (finding !== undefined)
            return refused(lineNo, `integrity: ${finding.problem}: ${finding.message}`);
        options.onProgress?.('checking', checker.checked());
    }
    if (lineNo === 0)
        return refused(1, 'the file is empty');
    if (footer === undefined)
        return refused(lineNo + 1, 'the footer is missing: the file is cut short');
    if (footer.events !== checker.checked())
        return refused(lineNo, `the footer counts ${footer.events} events, the file holds ${checker.checked()}`);
    if (footer.digest !== checker.digest())
        return refused(lineNo, `the footer's digest ${footer.digest} does not match the events' digest ${checker.digest()}`);
    return E.right({
        summary: { events: checker.checked(), streams: lastRevision.size, digest: checker.digest() },
        streamIds: new Set(lastRevision.keys()),
    });
};
const exists = async (store, streamId) => {
    try {
        for await (const _ of store.readStream(streamId, { maxCount: 1 }))
            return true;
        return false;
    }
    catch (error) {
        if ((0, store_errors_1.isStoreError)(error, 'StreamNotFound'))
            return false;
        if ((0, store_errors_1.isStoreError)(error, 'StreamDeleted'))
            return true;
        throw error;
    }
};
/**
 * Imports a history. The whole file is checked first (format, order, every integrity link, the
 * footer's count and digest) and nothing is written unless all of it holds; a refusal names the
 * line. Streams already in the target store are refused too, so an import never mixes histories.
 * Each stream keeps its revisions and event ids; the target store stamps its own `recordedAt`
 * (the original instants stay in the file).
 *
 * `openLines` is called twice, once to check and once to write.
 */
const importHistory = async (store, openLines, options = {}) => {
    const checked = await check(openLines(), options);
    if (E.isLeft(checked))
        return checked;
    for (const streamId of checked.right.streamIds)
        if (await exists(store, streamId))
            return E.left({
                kind: 'ImportRefused',
                line: 0,
                message: `stream ${streamId} already exists in the target store; import into a store that does not hold it`,
            });
    // Consecutive events of one stream go in one append, with the revision the file says.
    let batch;
    let written = 0;
    const flush = async () => {
        if (batch === undefined)
            return;
        await store.appendToStream(batch.streamId, batch.events, {
            expectedRevision: batch.first === 0n ? 'no_stream' : batch.first - 1n,
        });
        written += batch.events.length;
        options.onProgress?.('writing', written);
        batch = undefined;
    };
    let lineNo = 0;
    for await (const text of openLines()) {
        lineNo++;
        const line = readLine(text, lineNo);
        // Every line was checked above; only events are written.
        if (E.isLeft(line) || line.right.kind !== 'event')
            continue;
        const event = toStored(line.right.event);
        if (batch !== undefined && (batch.streamId !== event.streamId || batch.events.length >= 500))
            await flush();
        batch ??= { streamId: event.streamId, first: event.revision, events: [] };
        batch.events.push({
            eventId: event.eventId,
            type: event.type,
            data: event.data,
            metadata: event.metadata,
        });
    }
    await flush();
    return E.right(checked.right.summary);
};
exports.importHistory = importHistory;
/** The lines of a file, read lazily. */
const linesOfFile = (path) => (0, node_readline_1.createInterface)({ input: (0, node_fs_1.createReadStream)(path, { encoding: 'utf8' }), crlfDelay: Infinity });
exports.linesOfFile = linesOfFile;
/** Imports a history file written by `exportHistoryToFile`. */
const importHistoryFile = (store, path, options = {}) => (0, exports.importHistory)(store, () => (0, exports.linesOfFile)(path), options);
exports.importHistoryFile = importHistoryFile;
