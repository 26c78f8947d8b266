"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.otherParty = exports.isOneOf = exports.areDistinct = void 0;
/** True when a bilateral engagement names two different states. */
const areDistinct = (parties) => parties[0] !== parties[1];
exports.areDistinct = areDistinct;
const isOneOf = (party, parties) => parties[0] === party || parties[1] === party;
exports.isOneOf = isOneOf;
/** The other state of a bilateral engagement. */
const otherParty = (party, parties) => parties[0] === party ? parties[1] : parties[0];
exports.otherParty = otherParty;
