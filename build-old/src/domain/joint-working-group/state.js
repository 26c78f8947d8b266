"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.lastHeldMeeting = exports.openActionItems = exports.initialJointWorkingGroupState = void 0;
exports.initialJointWorkingGroupState = { status: 'notEstablished' };
/** Action items not yet closed, in the order recorded. */
const openActionItems = (state) => state.status === 'notEstablished' ? [] : state.actionItems.filter((a) => a.status === 'open');
exports.openActionItems = openActionItems;
/** The meeting held last, if any. */
const lastHeldMeeting = (record) => record.heldMeetings.at(-1);
exports.lastHeldMeeting = lastHeldMeeting;
