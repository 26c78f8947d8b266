import * as E from 'fp-ts/Either';
import { sectorLabel } from '../domain/joint-working-group/sector';
import type { LedgerEvent } from '../domain/ledger';
import { readLedgerEvents } from './checkpoint';
import type { Parties } from '../domain/shared/party';
import type { EventStore } from '../kernel/event-store';
import { earliestDay, type PartialDate } from '../kernel/partial-date';
import type { DecodeError, RecordedEvent } from '../kernel/recorded-event';

/** The kind of engagement an entry is about, in the words a reader of the timeline uses. */
export type TimelineEngagement =
  'Bilateral meeting' | 'Joint Working Group' | 'MoU' | 'Drug liaison posting';

/** One event on the timeline: when it happened in the world, and what happened, in a line. */
export interface TimelineEntry {
  readonly occurredOn: PartialDate;
  /** Where the event stands in the global order; ties on the same date keep this order. */
  readonly position: bigint;
  readonly streamId: string;
  readonly eventType: LedgerEvent['type'];
  readonly engagement: TimelineEngagement;
  /** A short line a person reads, e.g. `MoU on Extradition proposed jointly by PK and BH`. */
  readonly text: string;
}

/** What the timeline needs of a recorded event; a `RecordedEvent<LedgerEvent>` is one. */
export type TimelineSource = Pick<RecordedEvent<LedgerEvent>, 'streamId' | 'position' | 'event'>;

/** What earlier events of a stream told us, so that later lines can name the engagement. */
interface StreamContext {
  readonly name: string;
  readonly parties?: Parties;
}

const both = (parties: Parties | undefined): string =>
  parties === undefined ? 'both parties' : `${parties[0]} and ${parties[1]}`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The line for one event and what the stream's context becomes. `known` is what earlier events of
 * the same stream said; a stream read from the middle falls back on the ids in the event.
 */
const describe = (
  event: LedgerEvent,
  known: StreamContext | undefined,
): { engagement: TimelineEngagement; text: string; context?: StreamContext } => {
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
      const change =
        event.data.replaces === undefined ? '' : ` (replacing ${event.data.replaces.title})`;
      return {
        engagement: 'Joint Working Group',
        text: `${jwg}: ${event.data.post.title} co-chairs for ${event.data.party}${change}`,
      };
    }
    case 'SectorAdded':
      return {
        engagement: 'Joint Working Group',
        text: `${known?.name ?? event.data.jwgId}: sector added (${sectorLabel(event.data.sector)})`,
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
      const unknown: never = event;
      return unknown;
    }
  }
};

/** 1 for a year, 2 for a month, 3 for a day. */
const precision = (date: PartialDate): number => date.split('-').length;

/**
 * Timeline order: by the first day a date can mean, and on the same first day the less precise
 * date first (`2025` before `2025-01` before `2025-01-01`), so a date known only to the year or
 * month opens the period it may fall anywhere in. Equal dates keep the global order.
 */
export const compareTimelineEntries = (a: TimelineEntry, b: TimelineEntry): number => {
  const first = earliestDay(a.occurredOn).localeCompare(earliestDay(b.occurredOn));
  if (first !== 0) return first;
  const coarser = precision(a.occurredOn) - precision(b.occurredOn);
  if (coarser !== 0) return coarser;
  return a.position < b.position ? -1 : a.position > b.position ? 1 : 0;
};

/**
 * Timeline entries built one event at a time, in the global order (so that a line can name the
 * engagement an earlier event of the same stream introduced). Only the entries are kept, never
 * the events: a long history costs one short entry per event.
 */
const timelineBuilder = () => {
  const contexts = new Map<string, StreamContext>();
  const entries: TimelineEntry[] = [];
  return {
    add: ({ streamId, position, event }: TimelineSource): void => {
      const { engagement, text, context } = describe(event, contexts.get(streamId));
      if (context !== undefined) contexts.set(streamId, context);
      entries.push({
        occurredOn: event.occurredOn,
        position,
        streamId,
        eventType: event.type,
        engagement,
        text,
      });
    },
    sorted: (): readonly TimelineEntry[] => entries.sort(compareTimelineEntries),
  };
};

/**
 * Every event as a timeline entry, ordered by when it happened in the world (see
 * `compareTimelineEntries`). Events must come in the global order.
 */
export const timelineEntries = (events: Iterable<TimelineSource>): readonly TimelineEntry[] => {
  const builder = timelineBuilder();
  for (const source of events) builder.add(source);
  return builder.sorted();
};

/**
 * The timeline of everything in the store. Stops at the first event that cannot be decoded and
 * says which it is.
 */
export const readTimeline = async (
  store: EventStore,
): Promise<E.Either<DecodeError, readonly TimelineEntry[]>> => {
  const builder = timelineBuilder();
  for await (const decoded of readLedgerEvents(store)) {
    if (E.isLeft(decoded)) return decoded;
    builder.add(decoded.right);
  }
  return E.right(builder.sorted());
};

/** Entries grouped by date, dates in timeline order, entries of a date in timeline order. */
const byDate = (
  entries: readonly TimelineEntry[],
): readonly (readonly [PartialDate, readonly TimelineEntry[]])[] => {
  const groups = new Map<PartialDate, TimelineEntry[]>();
  for (const entry of [...entries].sort(compareTimelineEntries)) {
    const group = groups.get(entry.occurredOn);
    if (group === undefined) groups.set(entry.occurredOn, [entry]);
    else group.push(entry);
  }
  return [...groups.entries()];
};

const mermaidEntities: Readonly<Record<string, string>> = {
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
export const escapeMermaidText = (text: string): string =>
  text.replace(/[#%&:;<>]/g, (c) => mermaidEntities[c] ?? c).replace(/\s*[\r\n]+\s*/g, ' ');

export interface TimelineRenderOptions {
  readonly title?: string;
}

/**
 * A Mermaid `timeline`: one section per date, within it one period per kind of engagement (in the
 * order the kinds first appear that day), and one line per event.
 */
export const renderMermaidTimeline = (
  entries: readonly TimelineEntry[],
  options: TimelineRenderOptions = {},
): string => {
  const lines = ['timeline'];
  if (options.title !== undefined) lines.push(`  title ${escapeMermaidText(options.title)}`);
  for (const [date, ofDate] of byDate(entries)) {
    lines.push(`  section ${escapeMermaidText(date)}`);
    const periods = new Map<TimelineEngagement, string[]>();
    for (const entry of ofDate) {
      const texts = periods.get(entry.engagement);
      if (texts === undefined) periods.set(entry.engagement, [entry.text]);
      else texts.push(entry.text);
    }
    for (const [engagement, texts] of periods) {
      lines.push(`    ${escapeMermaidText(engagement)}`);
      for (const text of texts) lines.push(`      : ${escapeMermaidText(text)}`);
    }
  }
  return `${lines.join('\n')}\n`;
};

/** The timeline as plain text: a line per date, then one indented line per event. */
export const renderTextTimeline = (
  entries: readonly TimelineEntry[],
  options: TimelineRenderOptions = {},
): string => {
  const lines: string[] = options.title === undefined ? [] : [options.title, ''];
  for (const [date, ofDate] of byDate(entries)) {
    lines.push(date);
    for (const entry of ofDate) lines.push(`  ${entry.engagement}: ${entry.text}`);
  }
  return `${lines.join('\n')}\n`;
};
