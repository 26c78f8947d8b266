import type { MoUCommand } from '../../../src/domain/mou';
import type { CommandContext } from '../../../src/kernel/recorded-event';

/**
 * The floors' MoU, written as plain code with no library: the same nine commands, the same
 * business checks as the decider applies to them (plain comparisons, no codecs), the same event
 * payloads and a fold into a plain state. What a careful hand-written event store would do.
 */

export interface PlainEvent {
  readonly type: string;
  readonly occurredOn: string;
  readonly data: Record<string, unknown>;
}

export interface PlainSignature {
  readonly party: string;
  readonly signatory: unknown;
  readonly place: string;
  readonly signedOn: string;
}

export interface PlainMoU {
  readonly status: string;
  readonly mouId: string;
  readonly parties: readonly string[];
  readonly proposedOn: string;
  readonly rounds: readonly { round: number; venue: string; heldOn: string }[];
  readonly text?: { version: number; settledOn: string; expiresOn?: string };
  readonly signatures: readonly PlainSignature[];
  readonly enteredIntoForceOn?: string;
  readonly expiresOn?: string;
}

/** Stored rows as the floors keep them: JSON text, like the library. */
export interface PlainRecord {
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

export const plainEvolve = (
  state: PlainMoU | undefined,
  event: PlainEvent,
): PlainMoU | undefined => {
  const d = event.data;
  if (event.type === 'MoUProposed')
    return (
      state ?? {
        status: 'proposed',
        mouId: str(d.mouId),
        parties: Array.isArray(d.parties) ? d.parties.map(str) : [],
        proposedOn: event.occurredOn,
        rounds: [],
        signatures: [],
      }
    );
  if (state === undefined) return state;
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

/** The first and last day a (possibly partial) date can mean, by plain string padding. */
const first = (d: string): string =>
  d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
const last = (d: string): string =>
  d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d;
const before = (a: string, b: string): boolean => last(a) < first(b);

/** The decider's checks for the nine commands, as plain code; a refusal is thrown. */
export const plainDecide = (command: MoUCommand, state: PlainMoU | undefined): PlainEvent[] => {
  const refuse = (why: string): never => {
    throw new Error(`refused: ${why}`);
  };
  const { occurredOn } = command;
  if (state === undefined) {
    if (command.type !== 'ProposeMoU') return refuse('not proposed');
    const [a, b] = command.parties;
    if (a === b) refuse('parties must differ');
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
      if (state.signatures.length > 0) refuse('negotiation after signature');
      const previous = state.rounds[state.rounds.length - 1];
      if (previous !== undefined && command.round <= previous.round) refuse('rounds must increase');
      return [
        {
          type: 'MoUNegotiationRoundHeld',
          occurredOn,
          data: { mouId, round: command.round, venue: command.venue },
        },
      ];
    }
    case 'AgreeText': {
      if (state.text !== undefined) refuse('text already agreed');
      const data: Record<string, unknown> = {
        mouId,
        textVersion: command.textVersion,
        textDigest: command.textDigest,
      };
      if (command.noticePeriodDays !== undefined) data.noticePeriodDays = command.noticePeriodDays;
      if (command.expiresOn !== undefined) data.expiresOn = command.expiresOn;
      return [{ type: 'MoUTextAgreed', occurredOn, data }];
    }
    case 'SignMoU': {
      if (state.text === undefined) return refuse('signature before text agreed');
      if (before(occurredOn, state.text.settledOn)) refuse('signature before text agreed');
      if (!state.parties.includes(command.party)) refuse('signing party must be a party');
      if (command.signatory.party !== command.party) refuse('signatory must act for the party');
      if (state.signatures.some((s) => s.party === command.party)) refuse('already signed');
      return [
        {
          type: 'MoUSigned',
          occurredOn,
          data: { mouId, party: command.party, signatory: command.signatory, place: command.place },
        },
      ];
    }
    case 'RecordEntryIntoForce': {
      if (inForce) refuse('already in force');
      if (state.parties.some((p) => !state.signatures.some((s) => s.party === p)))
        refuse('needs both signatures');
      if (state.signatures.some((s) => before(occurredOn, s.signedOn)))
        refuse('before the last signature');
      if (
        command.method === 'onSignature' &&
        state.signatures.every((s) => before(s.signedOn, occurredOn))
      )
        refuse('on signature after the last signature');
      if (state.expiresOn !== undefined && before(state.expiresOn, occurredOn))
        refuse('after expiry');
      return [{ type: 'MoUEnteredIntoForce', occurredOn, data: { mouId, method: command.method } }];
    }
    case 'ExtendTerm': {
      if (!inForce) refuse('not in force');
      if (state.expiresOn === undefined) return refuse('no term to extend');
      if (!before(state.expiresOn, command.newExpiresOn)) refuse('extension must be later');
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

/** What the floors write beside the data: the same fields the library writes, no integrity link. */
export const plainMetadata = (context: CommandContext, occurredOn: string): string =>
  JSON.stringify({
    actor: context.actor,
    onBehalfOf: context.onBehalfOf,
    reason: context.reason,
    source: context.source,
    correlationId: context.correlationId ?? context.commandId,
    causationId: context.commandId,
    occurredOn,
    schemaVersion: 1,
  });

/** Reads one stored row back: parse both texts, take `occurredOn` from the metadata. */
export const plainRead = (
  type: string,
  data: string,
  metadata: string,
): { event: PlainEvent; causationId: string } => {
  const meta = JSON.parse(metadata) as { occurredOn: string; causationId: string };
  return {
    event: { type, occurredOn: meta.occurredOn, data: JSON.parse(data) as Record<string, unknown> },
    causationId: meta.causationId,
  };
};
