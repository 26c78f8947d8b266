"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.partiesYetToSign = exports.hasSigned = exports.isMoUInForce = exports.isMoUClosed = exports.initialMoUState = void 0;
exports.initialMoUState = { status: 'unproposed' };
const closedStatuses = new Set(['terminated', 'expired', 'withdrawn']);
const inForceStatuses = new Set(['inForce', 'terminationNoticeGiven']);
/** Terminated, expired or withdrawn: nothing changes any more. */
const isMoUClosed = (status) => closedStatuses.has(status);
exports.isMoUClosed = isMoUClosed;
/** In force, whether or not a termination notice is pending. */
const isMoUInForce = (status) => inForceStatuses.has(status);
exports.isMoUInForce = isMoUInForce;
const hasSigned = (record, party) => record.signatures.some((s) => s.party === party);
exports.hasSigned = hasSigned;
/** The parties whose signature is still missing, in the order the parties are listed. */
const partiesYetToSign = (record) => record.parties.filter((party) => !(0, exports.hasSigned)(record, party));
exports.partiesYetToSign = partiesYetToSign;
