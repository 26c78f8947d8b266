"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.eventIdFor = exports.EVENT_ID_NAMESPACE = void 0;
const uuid_1 = require("uuid");
/** The namespace of every event id this library derives (a fixed, randomly chosen UUID). */
exports.EVENT_ID_NAMESPACE = '6f1c1b7e-3a52-4d0f-9a8e-2c9b5d41e7a3';
/**
 * The id of the `index`-th event a command produces. Derived, not random: a command retried after
 * a lost reply yields the same ids, and the store recognises them instead of appending twice.
 */
const eventIdFor = (commandId, index) => (0, uuid_1.v5)(Buffer.from(`${commandId.toLowerCase()}/${index}`, 'utf8'), namespaceBytes);
exports.eventIdFor = eventIdFor;
// Both given as bytes: as text, uuid validates and parses the namespace again for every id, and
// encodes the name through a slower route than Node's own UTF-8 encoder.
const namespaceBytes = (0, uuid_1.parse)(exports.EVENT_ID_NAMESPACE);
