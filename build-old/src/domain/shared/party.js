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
exports.pairKey = exports.Parties = exports.Party = exports.isParty = void 0;
const t = __importStar(require("io-ts"));
const i18n_iso_countries_1 = require("i18n-iso-countries");
const primitives_1 = require("../../kernel/primitives");
/** The officially assigned ISO 3166-1 alpha-2 codes (XK is user-assigned, not part of the list). */
const assignedCodes = new Set(Object.keys((0, i18n_iso_countries_1.getAlpha2Codes)()).filter((code) => code !== 'XK'));
const isParty = (code) => assignedCodes.has(code);
exports.isParty = isParty;
/** A state, by its ISO 3166-1 alpha-2 code in capitals: `PK`, `BH`. */
exports.Party = (0, primitives_1.checkedString)('Party (ISO 3166-1 alpha-2 code)', exports.isParty);
/** The two states of a bilateral engagement. Distinctness is a rule, checked by each decider. */
exports.Parties = t.tuple([exports.Party, exports.Party], 'Parties');
/** Both parties, in a stable order, for use as a key: `BH-PK`. */
const pairKey = (parties) => [...parties].sort().join('-');
exports.pairKey = pairKey;
