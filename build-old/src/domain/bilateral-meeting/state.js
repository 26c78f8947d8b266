"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.initialBilateralMeetingState = void 0;
exports.initialBilateralMeetingState = { status: 'unrecorded' };
