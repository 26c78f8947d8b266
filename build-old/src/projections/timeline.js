"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderTextTimeline = exports.renderMermaidTimeline = exports.escapeMermaidText = exports.readTimeline = exports.timelineEntries = exports.compareTimelineEntries = void 0;
const E = __importStar(require("fp-ts/Either"));
const sector_1 = require("../domain/joint-working-group/sector");
const checkpoint_1 = require("./checkpoint");
const partial_date_1 = require("../kernel/partial-date");
const both = (parties) => parties === undefined ? 'both parties' : `${parties[0]} and ${parties[1]}`;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/**
 * The line for one event and what the stream's context becomes. `known` is what earlier events of
 * the same stream said; a stream read from the middle falls back on the ids in the event.
 */
const describe = (event, known) => {
    switch (event.type) {
        case 'BilateralMeetingHeld': {
            const { parties, hostParty, venue } = event.data;
            return {
                engagement: 'Bilateral meeting',
                text: `Meeting of ${both(parties)} held at ${venue} (host ${hostParty})`,
                context: { name: event.data.title ?? `Meeting of ${both(parties)}`, parties },
            };
        }
        case 'MeetingOutcomeRecorded':
            return {
                engagement: 'Bilateral meeting',
                text: `${event.data.byParty ?? both(known?.parties)} ${event.data.kind} ${event.data.summary}`,
            };
        case 'SourcedFactNoted':
            return { engagement: 'Bilateral meeting', text: `Fact noted: ${event.data.statement}` };
        case 'JointWorkingGroupEstablished': {
            const { name, parties, sectors } = event.data;
            return {
                engagement: 'Joint Working Group',
                text: `${name} established (${plural(sectors.length, 'sector')})`,
                context: { name, parties },
            };
        }
        case 'CoChairDesignated': {
            const jwg = known?.name ?? event.data.jwgId;
            const change = event.data.replaces === undefined ? '' : ` (replacing ${event.data.replaces.title})`;
            return {
                engagement: 'Joint Working Group',
                text: `${jwg}: ${event.data.post.title} co-chairs for ${event.data.party}${change}`,
            };
        }
        case 'SectorAdded':
            return {
                engagement: 'Joint Working Group',
                text: `${known?.name ?? event.data.jwgId}: sector added (${(0, sector_1.sectorLabel)(event.data.sector)})`,
            };
        case 'MeetingScheduled':
            return {
                engagement: 'Joint Working Group',
                text: `${known?.name ?? event.data.jwgId}: round ${event.data.round} scheduled for ${event.data.scheduledOn} at ${event.data.venue}`,
            };
        case 'MeetingPostponed':
            return {
                engagement: 'Joint Working Group',
                text: `${known?.name ?? event.data.jwgId}: round ${event.data.round} postponed from ${event.data.previousDate} to ${event.data.newDate}`,
            };
        case 'MeetingHeld':
            return {
                engagement: 'Joint Working Group',
                text: `${known?.name ?? event.data.jwgId}: round ${event.data.round} held at ${event.data.venue} (host ${event.data.hostParty})`,
            };
        case 'ActionItemRecorded': {
            const due = event.data.dueOn === undefined ? '' : `, due ${event.data.dueOn}`;
            return {
                engagement: 'Joint Working Group',
                text: `${known?.name ?? event.data.jwgId}: action item for ${event.data.ownerParty} from round ${event.data.round}${due}: ${event.data.description}`,
            };
        }
        case 'ActionItemClosed':
            return {
                engagement: 'Joint Working Group',
                text: `${known?.name ?? event.data.jwgId}: action item ${event.data.actionId} closed (${event.data.outcome})`,
            };
        case 'JointWorkingGroupDissolved':
            return {
                engagement: 'Joint Working Group',
                text: `${known?.name ?? event.data.jwgId} dissolved: ${event.data.reason}`,
            };
        case 'MoUProposed': {
            const { title, parties, proposedBy } = event.data;
            return {
                engagement: 'MoU',
                text: `${title} proposed ${proposedBy === 'jointly' ? `jointly by ${both(parties)}` : `by ${proposedBy}`}`,
                context: { name: title, parties },
            };
        }
        case 'MoUNegotiationRoundHeld':
            return {
                engagement: 'MoU',
                text: `${known?.name ?? event.data.mouId}: negotiation round ${event.data.round} at ${event.data.venue}`,
            };
        case 'MoUTextAgreed':
            return {
                engagement: 'MoU',
                text: `${known?.name ?? event.data.mouId}: text agreed (version ${event.data.textVersion})`,
            };
        case 'MoUTextAmended':
            return {
                engagement: 'MoU',
                text: `${known?.name ?? event.data.mouId}: text amended (version ${event.data.textVersion}): ${event.data.summary}`,
            };
        case 'MoUSigned':
            return {
                engagement: 'MoU',
                text: `${known?.name ?? event.data.mouId} signed by ${event.data.party} (${event.data.signatory.title}) at ${event.data.place}`,
            };
        case 'MoUEnteredIntoForce':
            return {
                engagement: 'MoU',
                text: `${known?.name ?? event.data.mouId} entered into force (${event.data.method})`,
            };
        case 'MoUTermExtended':
            return {
                engagement: 'MoU',
                text: `${known?.name ?? event.data.mouId}: term extended to ${event.data.newExpiresOn}`,
            };
        case 'MoUTerminationNoticeGiven':
            return {
                engagement: 'MoU',
                text: `${event.data.party} gave notice to terminate ${known?.name ?? event.data.mouId}, effective ${event.data.effectiveOn}`,
            };
        case 'MoUTerminated':
            return { engagement: 'MoU', text: `${known?.name ?? event.data.mouId} terminated` };
        case 'MoUExpired':
            return { engagement: 'MoU', text: `${known?.name ?? event.data.mouId} expired` };
        case 'MoUWithdrawn': {
            const by = event.data.byParty === undefined ? '' : ` by ${event.data.byParty}`;
            return {
                engagement: 'MoU',
                text: `${known?.name ?? event.data.mouId} withdrawn${by}: ${event.data.reason}`,
            };
        }
        case 'MoULegalCharacterDetermined':
            return {
                engagement: 'MoU',
                text: `${known?.name ?? event.data.mouId}: legal character determined as ${event.data.legalCharacter}`,
            };
        case 'DrugLiaisonPostingAnnounced': {
            const { sendingState, hostState, mission } = event.data;
            return {
                engagement: 'Drug liaison posting',
                text: `${sendingState} announced a drug liaison posting at ${mission} (host ${hostState})`,
                context: { name: `${sendingState} drug liaison posting at ${mission}` },
            };
        }
        case 'LiaisonOfficerNominated':
            return {
                engagement: 'Drug liaison posting',
                // The post, not the holder's name: names are personal data and stay out of read models.
                text: `${known?.name ?? event.data.postingId}: ${event.data.officer.title} nominated`,
            };
        case 'AppointmentNotified':
            return {
                engagement: 'Drug liaison posting',
                text: `${known?.name ?? event.data.postingId}: appointment notified (${event.data.noteVerbaleRef})`,
            };
        case 'HostApprovalGranted':
            return {
                engagement: 'Drug liaison posting',
                text: `${known?.name ?? event.data.postingId}: host approval granted`,
            };
        case 'HostApprovalRefused':
            return {
                engagement: 'Drug liaison posting',
                text: `${known?.name ?? event.data.postingId}: host approval refused`,
            };
        case 'DutiesAssumed':
            return {
                engagement: 'Drug liaison posting',
                text: `${known?.name ?? event.data.postingId}: officer assumed duties (tour ends ${event.data.tourEndsOn})`,
            };
        case 'TourExtended':
            return {
                engagement: 'Drug liaison posting',
                text: `${known?.name ?? event.data.postingId}: tour extended to ${event.data.newEndsOn}`,
            };
        case 'OfficerRecalled':
            return {
                engagement: 'Drug liaison posting',
                text: `${known?.name ?? event.data.postingId}: officer recalled (${event.data.reason})`,
            };
        case 'DeclaredPersonaNonGrata':
            return {
                engagement: 'Drug liaison posting',
                text: `${known?.name ?? event.data.postingId}: officer declared persona non grata`,
            };
        case 'PostingEnded':
            return {
                engagement: 'Drug liaison posting',
                text: `${known?.name ?? event.data.postingId} ended (${event.data.reason})`,
            };
        default: {
            const unknown = event;
            return unknown;
        }
    }
};
/** 1 for a year, 2 for a month, 3 for a day. */
const precision = (date) => date.split('-').length;
/**
 * Timeline order: by the first day a date can mean, and on the same first day the less precise
 * date first (`2025` before `2025-01` before `2025-01-01`), so a date known only to the year or
 * month opens the period it may fall anywhere in. Equal dates keep the global order.
 */
const compareTimelineEntries = (a, b) => {
    const first = (0, partial_date_1.earliestDay)(a.occurredOn).localeCompare((0, partial_date_1.earliestDay)(b.occurredOn));
    if (first !== 0)
        return first;
    const coarser = precision(a.occurredOn) - precision(b.occurredOn);
    if (coarser !== 0)
        return coarser;
    return a.position < b.position ? -1 : a.position > b.position ? 1 : 0;
};
exports.compareTimelineEntries = compareTimelineEntries;
/**
 * Every event as a timeline entry, ordered by when it happened in the world (see
 * `compareTimelineEntries`). Events must come in the global order, so that a line can name the
 * engagement an earlier event of the same stream introduced.
 */
const timelineEntries = (events) => {
    const contexts = new Map();
    const entries = [];
    for (const { streamId, position, event } of events) {
        const { engagement, text, context } = describe(event, contexts.get(streamId));
        if (context !== undefined)
            contexts.set(streamId, context);
        entries.push({
            occurredOn: event.occurredOn,
            position,
            streamId,
            eventType: event.type,
            engagement,
            text,
        });
    }
    return entries.sort(exports.compareTimelineEntries);
};
exports.timelineEntries = timelineEntries;
/**
 * The timeline of everything in the store. Stops at the first event that cannot be decoded and
 * says which it is.
 */
const readTimeline = async (store) => {
    const recorded = [];
    for await (const decoded of (0, checkpoint_1.readLedgerEvents)(store)) {
        if (E.isLeft(decoded))
            return decoded;
        recorded.push(decoded.right);
    }
    return E.right((0, exports.timelineEntries)(recorded));
};
exports.readTimeline = readTimeline;
/** Entries grouped by date, dates in timeline order, entries of a date in timeline order. */
const byDate = (entries) => {
    const groups = new Map();
    for (const entry of [...entries].sort(exports.compareTimelineEntries)) {
        const group = groups.get(entry.occurredOn);
        if (group === undefined)
            groups.set(entry.occurredOn, [entry]);
        else
            group.push(entry);
    }
    return [...groups.entries()];
};
const mermaidEntities = {
    '#': '#35;',
    '%': '#37;',
    '&': '#amp;',
    ':': '#58;',
    ';': '#59;',
    '<': '#lt;',
    '>': '#gt;',
};
/**
 * Text made safe for a Mermaid timeline: `:` separates events, `;` ends a statement, `#` and `%%`
 * start comments and `<`, `>`, `&` would be read as HTML, so each is written as a Mermaid entity
 * code (`#58;` for `:`), which Mermaid shows as the character itself. Line breaks become spaces.
 */
const escapeMermaidText = (text) => text.replace(/[#%&:;<>]/g, (c) => mermaidEntities[c] ?? c).replace(/\s*[\r\n]+\s*/g, ' ');
exports.escapeMermaidText = escapeMermaidText;
/**
 * A Mermaid `timeline`: one section per date, within it one period per kind of engagement (in the
 * order the kinds first appear that day), and one line per event.
 */
const renderMermaidTimeline = (entries, options = {}) => {
    const lines = ['timeline'];
    if (options.title !== undefined)
        lines.push(`  title ${(0, exports.escapeMermaidText)(options.title)}`);
    for (const [date, ofDate] of byDate(entries)) {
        lines.push(`  section ${(0, exports.escapeMermaidText)(date)}`);
        const periods = new Map();
        for (const entry of ofDate) {
            const texts = periods.get(entry.engagement);
            if (texts === undefined)
                periods.set(entry.engagement, [entry.text]);
            else
                texts.push(entry.text);
        }
        for (const [engagement, texts] of periods) {
            lines.push(`    ${(0, exports.escapeMermaidText)(engagement)}`);
            for (const text of texts)
                lines.push(`      : ${(0, exports.escapeMermaidText)(text)}`);
        }
    }
    return `${lines.join('\n')}\n`;
};
exports.renderMermaidTimeline = renderMermaidTimeline;
/** The timeline as plain text: a line per date, then one indented line per event. */
const renderTextTimeline = (entries, options = {}) => {
    const lines = options.title === undefined ? [] : [options.title, ''];
    for (const [date, ofDate] of byDate(entries)) {
        lines.push(date);
        for (const entry of ofDate)
            lines.push(`  ${entry.engagement}: ${entry.text}`);
    }
    return `${lines.join('\n')}\n`;
};
exports.renderTextTimeline = renderTextTimeline;
