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
exports.eventRegistry = exports.categoryOf = void 0;
const E = __importStar(require("fp-ts/Either"));
const recorded_event_1 = require("./recorded-event");
/** The category of a stream: its name up to the first hyphen (`MoU-extradition` → `MoU`). */
const categoryOf = (streamId) => {
    const dash = streamId.indexOf('-');
    return dash < 0 ? streamId : streamId.slice(0, dash);
};
exports.categoryOf = categoryOf;
const eventRegistry = (aggregates) => {
    const byCategory = new Map(aggregates.map((a) => [a.name, a.events]));
    return {
        categories: aggregates.map((a) => a.name),
        decode: (stored) => {
            const catalog = byCategory.get((0, exports.categoryOf)(stored.streamId));
            if (catalog === undefined)
                return E.left({
                    kind: 'DecodeError',
                    problem: 'unknownCategory',
                    streamId: stored.streamId,
                    revision: stored.revision,
                    position: stored.position,
                    eventType: stored.type,
                    issues: [],
                    message: `cannot decode ${stored.type} at ${stored.streamId}@${stored.revision}: stream category ${(0, exports.categoryOf)(stored.streamId)} belongs to no known aggregate (known: ${[...byCategory.keys()].join(', ')})`,
                });
            return (0, recorded_event_1.decodeRecordedEvent)(catalog, stored);
        },
    };
};
exports.eventRegistry = eventRegistry;
