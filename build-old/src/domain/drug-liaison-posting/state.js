"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.officerOnDuty = exports.initialDrugLiaisonPostingState = void 0;
exports.initialDrugLiaisonPostingState = { status: 'unannounced' };
/** The officer serving at the mission right now, if any (for read models). */
const officerOnDuty = (state) => state.status === 'onDuty' ? state.currentOfficer : undefined;
exports.officerOnDuty = officerOnDuty;
