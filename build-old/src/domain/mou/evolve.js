"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evolveMoU = void 0;
const textOf = (event) => ({
    version: event.data.textVersion,
    digest: event.data.textDigest,
    settledOn: event.occurredOn,
    ...(event.data.noticePeriodDays === undefined
        ? {}
        : { noticePeriodDays: event.data.noticePeriodDays }),
    ...(event.data.expiresOn === undefined ? {} : { expiresOn: event.data.expiresOn }),
    ...(event.type === 'MoUTextAmended' ? { amendmentSummary: event.data.summary } : {}),
});
/**
 * Applies one event. `decide` checked it before it was recorded; only a history written by hand
 * could hold an event before the proposal or a second proposal, and those leave the state as is.
 */
const evolveMoU = (state, event) => {
    if (event.type === 'MoUProposed')
        return state.status !== 'unproposed'
            ? state
            : {
                status: 'proposed',
                mouId: event.data.mouId,
                title: event.data.title,
                subject: event.data.subject,
                parties: event.data.parties,
                proposedBy: event.data.proposedBy,
                proposedOn: event.occurredOn,
                legalCharacter: event.data.legalCharacter,
                rounds: [],
                signatures: [],
            };
    if (state.status === 'unproposed')
        return state;
    switch (event.type) {
        case 'MoUNegotiationRoundHeld':
            return {
                ...state,
                // Rounds held after the text is agreed (to settle its final form) keep it agreed.
                status: state.status === 'proposed' ? 'negotiating' : state.status,
                rounds: [
                    ...state.rounds,
                    { round: event.data.round, venue: event.data.venue, heldOn: event.occurredOn },
                ],
            };
        case 'MoUTextAgreed':
        case 'MoUTextAmended': {
            const text = textOf(event);
            const { expiresOn: _previousExpiry, ...rest } = state;
            return {
                ...rest,
                status: 'textAgreed',
                text,
                // Before entry into force the expiry is whatever the current text sets.
                ...(text.expiresOn === undefined ? {} : { expiresOn: text.expiresOn }),
            };
        }
        case 'MoUSigned': {
            const signatures = [
                ...state.signatures,
                {
                    party: event.data.party,
                    signatory: event.data.signatory,
                    place: event.data.place,
                    signedOn: event.occurredOn,
                },
            ];
            return { ...state, status: signatures.length >= 2 ? 'signed' : 'partlySigned', signatures };
        }
        case 'MoUEnteredIntoForce':
            return {
                ...state,
                status: 'inForce',
                enteredIntoForceOn: event.occurredOn,
                entryIntoForceMethod: event.data.method,
            };
        case 'MoUTermExtended':
            return { ...state, expiresOn: event.data.newExpiresOn };
        case 'MoUTerminationNoticeGiven':
            return {
                ...state,
                status: 'terminationNoticeGiven',
                terminationNotice: {
                    party: event.data.party,
                    givenOn: event.occurredOn,
                    effectiveOn: event.data.effectiveOn,
                },
            };
        case 'MoUTerminated':
            return { ...state, status: 'terminated', closedOn: event.occurredOn };
        case 'MoUExpired':
            return { ...state, status: 'expired', closedOn: event.occurredOn };
        case 'MoUWithdrawn':
            return {
                ...state,
                status: 'withdrawn',
                closedOn: event.occurredOn,
                withdrawal: {
                    reason: event.data.reason,
                    ...(event.data.byParty === undefined ? {} : { byParty: event.data.byParty }),
                },
            };
        case 'MoULegalCharacterDetermined':
            return {
                ...state,
                legalCharacter: event.data.legalCharacter,
                legalCharacterDetermination: { basis: event.data.basis, determinedOn: event.occurredOn },
            };
        default: {
            const unknown = event;
            return unknown;
        }
    }
};
exports.evolveMoU = evolveMoU;
