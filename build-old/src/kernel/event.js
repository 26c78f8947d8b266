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
exports.eventCatalog = exports.eventType = void 0;
const t = __importStar(require("io-ts"));
const partial_date_1 = require("./partial-date");
const upcast_1 = require("./upcast");
/**
 * Defines an event type by its name and data codec. The third argument is the schema version
 * (a number), or the version with the upcasters that read older ones.
 */
const eventType = (type, data, evolution = 1) => {
    const { schemaVersion, upcasters = {} } = typeof evolution === 'number' ? { schemaVersion: evolution } : evolution;
    (0, upcast_1.checkUpcasters)(type, schemaVersion, upcasters);
    return {
        type,
        schemaVersion,
        upcasters,
        codec: t.strict({ type: t.literal(type), occurredOn: partial_date_1.PartialDate, data }, type),
    };
};
exports.eventType = eventType;
const eventCatalog = (...types) => {
    const byType = new Map(types.map((e) => [e.type, e]));
    if (byType.size !== types.length)
        throw new Error('event catalog: an event type is listed twice');
    return {
        types: types.map((e) => e.type),
        lookup: (type) => byType.get(type),
        owns: (event) => byType.has(event.type),
    };
};
exports.eventCatalog = eventCatalog;
