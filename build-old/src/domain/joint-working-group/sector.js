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
exports.showSector = exports.sectorLabel = exports.knownSectorNamedBy = exports.sameSector = exports.sectorKey = exports.Sector = exports.isKnownSector = exports.CustomSector = exports.knownSectors = exports.KnownSector = exports.knownSectorLabels = void 0;
const t = __importStar(require("io-ts"));
const primitives_1 = require("../../kernel/primitives");
/**
 * The sectors Pakistan and Bahrain named on 10 Sep 2025, each with the words a reader sees.
 * The codes are the camel-cased labels, so both normalise to the same key (see `sectorKey`).
 */
exports.knownSectorLabels = {
    counterNarcotics: 'Counter-narcotics',
    counterTerrorism: 'Counter-terrorism',
    coastGuardOperations: 'Coast guard operations',
    borderSecurity: 'Border security',
    immigration: 'Immigration',
    policeTraining: 'Police training',
};
/** A sector from the known list, written as its code: `'counterNarcotics'`. */
exports.KnownSector = t.keyof(exports.knownSectorLabels);
exports.knownSectors = Object.keys(exports.knownSectorLabels).filter(exports.KnownSector.is);
/**
 * Any other sector, written deliberately as `{ custom: 'cyber security' }`. A bare string is read
 * only as a known code, so a misspelt code (`'counterNarcotic'`) is refused instead of quietly
 * becoming a new sector.
 */
exports.CustomSector = t.strict({ custom: primitives_1.NonEmptyString }, 'CustomSector { custom: name }');
const isKnownSector = (sector) => typeof sector === 'string';
exports.isKnownSector = isKnownSector;
/**
 * A string is checked only as a known code and an object only as a custom sector, so a bad value
 * gets one clear complaint instead of one per alternative.
 */
exports.Sector = new t.Type(`Sector (one of ${Object.keys(exports.knownSectorLabels).join(', ')}, or { custom: name })`, (u) => exports.KnownSector.is(u) || exports.CustomSector.is(u), (u, c) => (typeof u === 'string' ? exports.KnownSector.validate(u, c) : exports.CustomSector.validate(u, c)), (sector) => ((0, exports.isKnownSector)(sector) ? sector : exports.CustomSector.encode(sector)));
/** Case, spaces, hyphens and underscores do not make a different sector. */
const normalise = (name) => name.toLowerCase().replace(/[\s_-]+/g, '');
/** The key two sectors share when they are the same sector. */
const sectorKey = (sector) => normalise((0, exports.isKnownSector)(sector) ? sector : sector.custom);
exports.sectorKey = sectorKey;
const sameSector = (a, b) => (0, exports.sectorKey)(a) === (0, exports.sectorKey)(b);
exports.sameSector = sameSector;
/** The known sector a custom name spells out (`{ custom: 'Border Security' }`), if any. */
const knownSectorNamedBy = (sector) => exports.knownSectors.find((known) => (0, exports.sectorKey)(known) === (0, exports.sectorKey)(sector));
exports.knownSectorNamedBy = knownSectorNamedBy;
const sectorLabel = (sector) => (0, exports.isKnownSector)(sector) ? exports.knownSectorLabels[sector] : sector.custom.trim();
exports.sectorLabel = sectorLabel;
/** How a sector is written in a message: the code, or the custom form. */
const showSector = (sector) => (0, exports.isKnownSector)(sector) ? sector : `{ custom: ${JSON.stringify(sector.custom)} }`;
exports.showSector = showSector;
