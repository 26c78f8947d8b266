"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateAppend = void 0;
const store_errors_1 = require("./store-errors");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * The checks every store makes before it touches anything, so all of them refuse the same bad
 * input with the same `InvalidAppendError`: a stream name that is empty or reserved (`$...`), a
 * negative expected revision, an event id that is not a UUID or appears twice, an empty type,
 * data or metadata that is not JSON.
 */
const validateAppend = (streamId, events, expected) => {
    if (streamId.length === 0)
        throw new store_errors_1.InvalidAppendError(streamId, 'the stream name is empty');
    if (streamId.startsWith('$'))
        throw new store_errors_1.InvalidAppendError(streamId, 'stream names starting with $ are reserved');
    if (typeof expected === 'bigint' && expected < 0n)
        throw new store_errors_1.InvalidAppendError(streamId, `expected revision ${expected} is negative`);
    const seen = new Set();
    for (const event of events) {
        if (!UUID.test(event.eventId))
            throw new store_errors_1.InvalidAppendError(streamId, `event id "${event.eventId}" is not a UUID`);
        const id = event.eventId.toLowerCase();
        if (seen.has(id))
            throw new store_errors_1.InvalidAppendError(streamId, `event id ${event.eventId} appears twice`);
        seen.add(id);
        if (event.type.length === 0)
            throw new store_errors_1.InvalidAppendError(streamId, `event ${event.eventId} has an empty type`);
        for (const [field, text] of [
            ['data', event.data],
            ['metadata', event.metadata],
        ]) {
            try {
                JSON.parse(text);
            }
            catch {
                throw new store_errors_1.InvalidAppendError(streamId, `${event.type} ${field} is not JSON`);
            }
        }
    }
};
exports.validateAppend = validateAppend;
