"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.plainRead = exports.plainMetadata = exports.plainDecide = exports.plainEvolve = void 0;
const str = (v) => (typeof v === 'string' ? v : '');
const num = (v) => (typeof v === 'number' ? v : 0);
const plainEvolve = (state, event) => {
    const d = event.data;
    if (event.type === 'MoUProposed')
        return (state ?? {
            status: 'proposed',
            mouId: str(d.mouId),
            parties: Array.isArray(d.parties) ? d.parties.map(str) : [],
            proposedOn: event.occurredOn,
            rounds: [],
            signatures: [],
        });
    if (state === undefined)
        return state;
    switch (event.type) {
        case 'MoUNegotiationRoundHeld':
            return {
                ...state,
                status: state.status === 'proposed' ? 'negotiating' : state.status,
                rounds: [
                    ...state.rounds,
                    { round: num(d.round), venue: str(d.venue), heldOn: event.occurredOn },
                ],
            };
        case 'MoUTextAgreed': {
            const expiresOn = typeof d.expiresOn === 'string' ? d.expiresOn : undefined;
            return {
                ...state,
                status: 'textAgreed',
                text: { version: num(d.textVersion), settledOn: event.occurredOn, expiresOn },
                expiresOn,
            };
        }
        case 'MoUSigned': {
            const signatures = [
                ...state.signatures,
                {
                    party: str(d.party),
                    signatory: d.signatory,
                    place: str(d.place),
                    signedOn: event.occurredOn,
                },
            ];
            return { ...state, status: signatures.length >= 2 ? 'signed' : 'partlySigned', signatures };
        }
        case 'MoUEnteredIntoForce':
            return { ...state, status: 'inForce', enteredIntoForceOn: event.occurredOn };
        case 'MoUTermExtended':
            return { ...state, expiresOn: str(d.newExpiresOn) };
        default:
            throw new Error(`the plain fold does not know ${event.type}`);
    }
};
exports.plainEvolve = plainEvolve;
/** The first and last day a (possibly partial) date can mean, by plain string padding. */
const first = (d) => d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
const last = (d) => d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d;
const before = (a, b) => last(a) < first(b);
/** The decider's checks for the nine commands, as plain code; a refusal is thrown. */
const plainDecide = (command, state) => {
    const refuse = (why) => {
        throw new Error(`refused: ${why}`);
    };
    const { occurredOn } = command;
    if (state === undefined) {
        if (command.type !== 'ProposeMoU')
            return refuse('not proposed');
        const [a, b] = command.parties;
        if (a === b)
            refuse('parties must differ');
        if (command.proposedBy !== 'jointly' && command.proposedBy !== a && command.proposedBy !== b)
            refuse('proposer must be a party');
        return [
            {
                type: 'MoUProposed',
                occurredOn,
                data: {
                    mouId: command.mouId,
                    title: command.title,
                    subject: command.subject,
                    parties: command.parties,
                    proposedBy: command.proposedBy,
                    legalCharacter: command.legalCharacter,
                },
            },
        ];
    }
    const mouId = state.mouId;
    const inForce = state.status === 'inForce';
    switch (command.type) {
        case 'RecordNegotiationRound': {
            if (state.signatures.length > 0)
                refuse('negotiation after signature');
            const previous = state.rounds[state.rounds.length - 1];
            if (previous !== undefined && command.round <= previous.round)
                refuse('rounds must increase');
            return [
                {
                    type: 'MoUNegotiationRoundHeld',
                    occurredOn,
                    data: { mouId, round: command.round, venue: command.venue },
                },
            ];
        }
        case 'AgreeText': {
            if (state.text !== undefined)
                refuse('text already agreed');
            const data = {
                mouId,
                textVersion: command.textVersion,
                textDigest: command.textDigest,
            };
            if (command.noticePeriodDays !== undefined)
                data.noticePeriodDays = command.noticePeriodDays;
            if (command.expiresOn !== undefined)
                data.expiresOn = command.expiresOn;
            return [{ type: 'MoUTextAgreed', occurredOn, data }];
        }
        case 'SignMoU': {
            if (state.text === undefined)
                return refuse('signature before text agreed');
            if (before(occurredOn, state.text.settledOn))
                refuse('signature before text agreed');
            if (!state.parties.includes(command.party))
                refuse('signing party must be a party');
            if (command.signatory.party !== command.party)
                refuse('signatory must act for the party');
            if (state.signatures.some((s) => s.party === command.party))
                refuse('already signed');
            return [
                {
                    type: 'MoUSigned',
                    occurredOn,
                    data: { mouId, party: command.party, signatory: command.signatory, place: command.place },
                },
            ];
        }
        case 'RecordEntryIntoForce': {
            if (inForce)
                refuse('already in force');
            if (state.parties.some((p) => !state.signatures.some((s) => s.party === p)))
                refuse('needs both signatures');
            if (state.signatures.some((s) => before(occurredOn, s.signedOn)))
                refuse('before the last signature');
            if (command.method === 'onSignature' &&
                state.signatures.every((s) => before(s.signedOn, occurredOn)))
                refuse('on signature after the last signature');
            if (state.expiresOn !== undefined && before(state.expiresOn, occurredOn))
                refuse('after expiry');
            return [{ type: 'MoUEnteredIntoForce', occurredOn, data: { mouId, method: command.method } }];
        }
        case 'ExtendTerm': {
            if (!inForce)
                refuse('not in force');
            if (state.expiresOn === undefined)
                return refuse('no term to extend');
            if (!before(state.expiresOn, command.newExpiresOn))
                refuse('extension must be later');
            return [
                {
                    type: 'MoUTermExtended',
                    occurredOn,
                    data: { mouId, newExpiresOn: command.newExpiresOn },
                },
            ];
        }
        default:
            throw new Error(`the plain decider does not handle ${command.type}`);
    }
};
exports.plainDecide = plainDecide;
/** What the floors write beside the data: the same fields the library writes, no integrity link. */
const plainMetadata = (context, occurredOn) => JSON.stringify({
    actor: context.actor,
    onBehalfOf: context.onBehalfOf,
    reason: context.reason,
    source: context.source,
    correlationId: context.correlationId ?? context.commandId,
    causationId: context.commandId,
    occurredOn,
    schemaVersion: 1,
});
exports.plainMetadata = plainMetadata;
/** Reads one stored row back: parse both texts, take `occurredOn` from the metadata. */
const plainRead = (type, data, metadata) => {
    const meta = JSON.parse(metadata);
    return {
        event: { type, occurredOn: meta.occurredOn, data: JSON.parse(data) },
        causationId: meta.causationId,
    };
};
exports.plainRead = plainRead;
