"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evolveBilateralMeeting = void 0;
const evolveBilateralMeeting = (state, event) => {
    switch (event.type) {
        case 'BilateralMeetingHeld':
            return {
                status: 'held',
                meetingId: event.data.meetingId,
                ...(event.data.title === undefined ? {} : { title: event.data.title }),
                parties: event.data.parties,
                hostParty: event.data.hostParty,
                venue: event.data.venue,
                occurredOn: event.occurredOn,
                delegations: event.data.delegations,
                outcomes: [],
                facts: [],
            };
        case 'MeetingOutcomeRecorded':
            if (state.status !== 'held')
                return state;
            return {
                ...state,
                outcomes: [
                    ...state.outcomes,
                    {
                        outcomeId: event.data.outcomeId,
                        kind: event.data.kind,
                        summary: event.data.summary,
                        ...(event.data.byParty === undefined ? {} : { byParty: event.data.byParty }),
                        leadsTo: event.data.leadsTo ?? [],
                    },
                ],
            };
        case 'SourcedFactNoted':
            if (state.status !== 'held')
                return state;
            return {
                ...state,
                facts: [
                    ...state.facts,
                    {
                        factId: event.data.factId,
                        statement: event.data.statement,
                        ...(event.data.statedBy === undefined ? {} : { statedBy: event.data.statedBy }),
                    },
                ],
            };
        default: {
            const unknown = event;
            return unknown;
        }
    }
};
exports.evolveBilateralMeeting = evolveBilateralMeeting;
