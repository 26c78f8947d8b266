"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStateCache = void 0;
const lru_cache_1 = require("lru-cache");
const createStateCache = (options = {}) => {
    const maxStreams = Math.max(1, Math.floor(options.maxStreams ?? 10_000));
    // One bounded map per store, so the same stream name in two stores never mixes.
    const byStore = new WeakMap();
    const mapOf = (store) => {
        const existing = byStore.get(store);
        if (existing !== undefined)
            return existing;
        const created = new lru_cache_1.LRUCache({ max: maxStreams });
        byStore.set(store, created);
        return created;
    };
    return {
        get: (store, owner, streamId) => {
            const entry = byStore.get(store)?.get(streamId);
            // The owner check makes the cast sound: only this aggregate's evolve wrote this state.
            return entry?.owner === owner ? entry.fold : undefined;
        },
        set: (store, owner, streamId, fold) => {
            mapOf(store).set(streamId, { owner, fold });
        },
        forget: (store, streamId) => {
            byStore.get(store)?.delete(streamId);
        },
        size: (store) => byStore.get(store)?.size ?? 0,
    };
};
exports.createStateCache = createStateCache;
