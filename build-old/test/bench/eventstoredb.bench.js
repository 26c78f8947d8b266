"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Appending and reading back 10,000 events through the EventStoreDB adapter and through the raw
 * `@eventstore/db-client`, on the same in-process test server over real gRPC. The two alternate,
 * round after round, after a warm-up; the median of five rounds is printed with the ratio
 * (target: the adapter within 15% of the raw client).
 */
const db_client_1 = require("@eventstore/db-client");
const node_perf_hooks_1 = require("node:perf_hooks");
const uuid_1 = require("uuid");
const eventstoredb_event_store_1 = require("../../src/store/eventstoredb-event-store");
const server_1 = require("../support/eventstoredb-server/server");
const EVENTS = 10_000;
const BATCH = 100;
const ROUNDS = 5;
const payload = (n) => ({ n, note: 'benchmark', parties: ['PK', 'BH'] });
const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const main = async () => {
    const server = await (0, server_1.startTestServer)();
    const client = db_client_1.EventStoreDBClient.connectionString(server.connectionString);
    const store = (0, eventstoredb_event_store_1.createEventStoreDBEventStore)(client);
    const throughAdapter = async () => {
        const streamId = `bench-adapter-${(0, uuid_1.v4)()}`;
        const started = node_perf_hooks_1.performance.now();
        let expected = 'no_stream';
        for (let i = 0; i < EVENTS; i += BATCH) {
            const events = Array.from({ length: BATCH }, (_, j) => ({
                eventId: (0, uuid_1.v4)(),
                type: 'BenchmarkEvent',
                data: JSON.stringify(payload(i + j)),
                metadata: JSON.stringify({ by: 'bench' }),
            }));
            const result = await store.appendToStream(streamId, events, { expectedRevision: expected });
            expected = result.nextExpectedRevision;
        }
        let read = 0;
        for await (const event of store.readStream(streamId))
            if (event.data.length > 0)
                read++;
        if (read !== EVENTS)
            throw new Error(`read ${read} events through the adapter`);
        return node_perf_hooks_1.performance.now() - started;
    };
    const throughClient = async () => {
        const streamId = `bench-client-${(0, uuid_1.v4)()}`;
        const started = node_perf_hooks_1.performance.now();
        let expected = 'no_stream';
        for (let i = 0; i < EVENTS; i += BATCH) {
            const events = Array.from({ length: BATCH }, (_, j) => (0, db_client_1.jsonEvent)({ type: 'BenchmarkEvent', data: payload(i + j), metadata: { by: 'bench' } }));
            const result = await client.appendToStream(streamId, events, {
                expectedRevision: expected,
            });
            expected = result.nextExpectedRevision;
        }
        let read = 0;
        for await (const resolved of client.readStream(streamId))
            if (resolved.event)
                read++;
        if (read !== EVENTS)
            throw new Error(`read ${read} events through the client`);
        return node_perf_hooks_1.performance.now() - started;
    };
    try {
        await throughClient();
        await throughAdapter();
        const adapter = [];
        const raw = [];
        for (let round = 0; round < ROUNDS; round++) {
            // Alternate which goes first, so neither always meets a warmer process.
            if (round % 2 === 0) {
                raw.push(await throughClient());
                adapter.push(await throughAdapter());
            }
            else {
                adapter.push(await throughAdapter());
                raw.push(await throughClient());
            }
        }
        const a = median(adapter);
        const r = median(raw);
        const show = (ms) => `${ms.toFixed(0)} ms`;
        console.log(`append + read back ${EVENTS} events (batches of ${BATCH}), median of ${ROUNDS}:`);
        console.log(`  raw @eventstore/db-client  ${show(r)}   rounds: ${raw.map(show).join(', ')}`);
        console.log(`  EventStoreDB adapter       ${show(a)}   rounds: ${adapter.map(show).join(', ')}`);
        console.log(`  adapter / raw client       ${(a / r).toFixed(2)} (target: at most 1.15)`);
    }
    finally {
        await client.dispose();
        await server.stop();
    }
};
main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
