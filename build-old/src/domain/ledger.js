"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ledgerEvents = exports.aggregates = void 0;
const event_registry_1 = require("../kernel/event-registry");
const bilateral_meeting_1 = require("./bilateral-meeting");
const drug_liaison_posting_1 = require("./drug-liaison-posting");
const joint_working_group_1 = require("./joint-working-group");
const mou_1 = require("./mou");
/** The aggregates the library knows, by stream category. */
exports.aggregates = [bilateral_meeting_1.BilateralMeeting, joint_working_group_1.JointWorkingGroup, mou_1.MoU, drug_liaison_posting_1.DrugLiaisonPosting];
/**
 * Decodes an event from any of the aggregates' streams, e.g. while reading the global order. A
 * store that projection runners checkpoint into also holds `ProjectionCheckpoint-*` streams:
 * `libraryEvents` (in `projections/checkpoint.ts`) reads those too.
 */
exports.ledgerEvents = (0, event_registry_1.eventRegistry)(exports.aggregates);
