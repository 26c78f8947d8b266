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
exports.Source = exports.SourceKind = void 0;
const t = __importStar(require("io-ts"));
const primitives_1 = require("./primitives");
const partial_date_1 = require("./partial-date");
/**
 * Who says so. Outlets disagree, so every recorded fact carries the source it rests on: a news
 * report, a note verbale, a signed document, an official statement.
 */
exports.SourceKind = t.keyof({
    newsReport: null,
    noteVerbale: null,
    officialDocument: null,
    officialStatement: null,
    other: null,
}, 'SourceKind');
exports.Source = (0, primitives_1.struct)('Source', { kind: exports.SourceKind, reference: primitives_1.NonEmptyString }, { url: primitives_1.NonEmptyString, publisher: primitives_1.NonEmptyString, publishedOn: partial_date_1.PartialDate });
