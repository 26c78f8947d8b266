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
const E = __importStar(require("fp-ts/Either"));
const mou_1 = require("../../src/domain/mou");
const command_handler_1 = require("../../src/kernel/command-handler");
const state_cache_1 = require("../../src/kernel/state-cache");
const sqlite_event_store_1 = require("../../src/store/sqlite-event-store");
const workload_1 = require("./support/workload");
const main = async () => {
    const work = (0, workload_1.buildWorkload)();
    const out = [];
    for (let round = 0; round < 2; round++) {
        const store = (0, sqlite_event_store_1.openSqliteEventStore)(`/tmp/prof/split-${round}-${Date.now()}.db`);
        const cache = (0, state_cache_1.createStateCache)();
        const started = performance.now();
        for (const { command, context } of work) {
            const r = await (0, command_handler_1.handleCommand)(store, mou_1.MoU, command, context, { cache });
            if (E.isLeft(r))
                throw new Error(r.left.message);
        }
        out.push((((performance.now() - started) * 1000) / work.length).toFixed(0));
        await store.close();
    }
    console.log(`${process.argv[2]}: ${out.join(' ')} µs per command`);
};
void main();
