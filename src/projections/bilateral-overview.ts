import * as E from 'fp-ts/Either';
import { sectorLabel } from '../domain/joint-working-group/sector';
import { openActionItems } from '../domain/joint-working-group/state';
import { partiesYetToSign } from '../domain/mou/state';
import { officerOnDuty } from '../domain/drug-liaison-posting/state';
import { pairKey, type Party } from '../domain/shared/party';
import { describePost, type Post } from '../domain/shared/post';
import type { PartialDate } from '../kernel/partial-date';
import type { CurrentStates } from './current-states';
import {
  alternationWarnings,
  checkOverviewOptions,
  judgeDormancy,
  type BilateralOverviewOptions,
  type JointWorkingGroupDormancy,
  type JointWorkingGroupWarning,
} from './joint-working-group-checks';

export interface MeetingSummary {
  readonly meetingId: string;
  readonly title?: string;
  readonly occurredOn: PartialDate;
  readonly venue: string;
  readonly hostParty: Party;
  readonly outcomes: readonly string[];
}

export interface OpenActionItem {
  readonly actionId: string;
  readonly round: number;
  readonly ownerParty: Party;
  readonly description: string;
  readonly dueOn?: PartialDate;
}

export interface JointWorkingGroupSummary {
  readonly jwgId: string;
  readonly name: string;
  readonly status: 'active' | 'dissolved';
  readonly establishedOn: PartialDate;
  readonly sectors: readonly string[];
  readonly coChairs: readonly Post[];
  readonly lastHeldRound: number;
  readonly openActionItems: readonly OpenActionItem[];
  /** What a reader should look at, such as the same host twice in a row; empty when nothing. */
  readonly warnings: readonly JointWorkingGroupWarning[];
  /** Present only when the overview was asked for `asOf`. */
  readonly dormancy?: JointWorkingGroupDormancy;
}

export interface MoUSummary {
  readonly mouId: string;
  readonly title: string;
  readonly subject: string;
  readonly status: string;
  readonly legalCharacter: string;
  readonly signedBy: readonly Party[];
  /** Parties whose signature is still missing; empty once the MoU is signed, in force or closed. */
  readonly yetToSign: readonly Party[];
}

export interface PostingSummary {
  readonly postingId: string;
  readonly sendingState: Party;
  readonly hostState: Party;
  readonly mission: string;
  readonly status: string;
  readonly officerOnDuty?: Post;
}

/** Every engagement between one pair of states, with what is still to do. */
export interface BilateralOverview {
  /** The two parties in alphabetical order. */
  readonly parties: readonly [Party, Party];
  readonly meetings: readonly MeetingSummary[];
  readonly jointWorkingGroups: readonly JointWorkingGroupSummary[];
  readonly mous: readonly MoUSummary[];
  readonly postings: readonly PostingSummary[];
}

const awaitingSignature = new Set(['proposed', 'negotiating', 'textAgreed', 'partlySigned']);

const emptyOverview = (key: string): Draft => {
  const [a = '', b = ''] = key.split('-');
  return { parties: [a, b], meetings: [], jointWorkingGroups: [], mous: [], postings: [] };
};

/** An overview while it is being filled in. */
interface Draft {
  readonly parties: readonly [Party, Party];
  readonly meetings: MeetingSummary[];
  readonly jointWorkingGroups: JointWorkingGroupSummary[];
  readonly mous: MoUSummary[];
  readonly postings: PostingSummary[];
}

/**
 * One overview per pair of parties that has anything recorded, in alphabetical order of the pair.
 * A pure function of the current states: cheap to recompute after every event. With `asOf`, each
 * group's dormancy is judged on that date. Throws `InvalidOverviewOptionsError` for options it
 * cannot use (`checkOverviewOptions` says so without throwing).
 */
export const bilateralOverviews = (
  states: CurrentStates,
  options: BilateralOverviewOptions = {},
): BilateralOverview[] => {
  const checked = checkOverviewOptions(options);
  if (E.isLeft(checked)) throw checked.left;
  const { asOf, dormantAfterMonths } = checked.right;
  const byPair = new Map<string, Draft>();
  const overviewFor = (parties: readonly [Party, Party]): Draft => {
    const key = pairKey(parties);
    let overview = byPair.get(key);
    if (overview === undefined) {
      overview = emptyOverview(key);
      byPair.set(key, overview);
    }
    return overview;
  };

  for (const meeting of states.meetings.values()) {
    if (meeting.status !== 'held') continue;
    overviewFor(meeting.parties).meetings.push({
      meetingId: meeting.meetingId,
      ...(meeting.title === undefined ? {} : { title: meeting.title }),
      occurredOn: meeting.occurredOn,
      venue: meeting.venue,
      hostParty: meeting.hostParty,
      outcomes: meeting.outcomes.map((o) => `${o.kind}: ${o.summary}`),
    });
  }
  for (const jwg of states.jointWorkingGroups.values()) {
    if (jwg.status === 'notEstablished') continue;
    overviewFor(jwg.parties).jointWorkingGroups.push({
      jwgId: jwg.jwgId,
      name: jwg.name,
      status: jwg.status,
      establishedOn: jwg.establishedOn,
      sectors: jwg.sectors.map(sectorLabel),
      coChairs: jwg.coChairs.map((seat) => seat.post),
      lastHeldRound: jwg.lastHeldRound,
      openActionItems: openActionItems(jwg).map((item) => ({
        actionId: item.actionId,
        round: item.round,
        ownerParty: item.ownerParty,
        description: item.description,
        ...(item.dueOn === undefined ? {} : { dueOn: item.dueOn }),
      })),
      warnings: alternationWarnings(jwg.heldMeetings),
      ...(asOf === undefined ? {} : { dormancy: judgeDormancy(jwg, asOf, dormantAfterMonths) }),
    });
  }
  for (const mou of states.mous.values()) {
    if (mou.status === 'unproposed') continue;
    overviewFor(mou.parties).mous.push({
      mouId: mou.mouId,
      title: mou.title,
      subject: mou.subject,
      status: mou.status,
      legalCharacter: mou.legalCharacter,
      signedBy: mou.signatures.map((s) => s.party),
      yetToSign: awaitingSignature.has(mou.status) ? partiesYetToSign(mou) : [],
    });
  }
  for (const posting of states.postings.values()) {
    if (posting.status === 'unannounced') continue;
    const onDuty = officerOnDuty(posting);
    overviewFor([posting.sendingState, posting.hostState]).postings.push({
      postingId: posting.postingId,
      sendingState: posting.sendingState,
      hostState: posting.hostState,
      mission: posting.mission,
      status: posting.status,
      ...(onDuty === undefined ? {} : { officerOnDuty: onDuty.post }),
    });
  }
  return [...byPair.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, o]) => o);
};

/** The overview of one pair of parties (empty if nothing is recorded between them). */
export const bilateralOverview = (
  states: CurrentStates,
  parties: readonly [Party, Party],
  options: BilateralOverviewOptions = {},
): BilateralOverview =>
  bilateralOverviews(states, options).find((o) => pairKey(o.parties) === pairKey(parties)) ??
  emptyOverview(pairKey(parties));

const describeWarning = (w: JointWorkingGroupWarning): string =>
  `rounds ${w.earlier.round} and ${w.later.round} were both hosted by ${w.hostParty} (${w.earlier.venue}, ${w.earlier.occurredOn}; ${w.later.venue}, ${w.later.occurredOn}); meetings usually alternate between capitals`;

const describeDormancy = (d: JointWorkingGroupDormancy): string => {
  const since =
    d.lastRound === undefined
      ? `no meeting since it was established on ${d.quietSince}`
      : `last met in round ${d.lastRound}, ${d.quietSince}`;
  return d.dormant
    ? `DORMANT as of ${d.asOf}: no meeting for ${d.dormantAfterMonths} months or more (${since})`
    : `not known to be dormant as of ${d.asOf} (${since}; dormant after ${d.dormantAfterMonths} months)`;
};

/** The overview as text a person reads. */
export const formatBilateralOverview = (overview: BilateralOverview): string => {
  const lines: string[] = [`Bilateral overview: ${overview.parties.join(' – ')}`];
  const section = <T>(title: string, items: readonly T[], show: (item: T) => string[]): void => {
    lines.push('', `${title} (${items.length})`);
    // One item at a time: a spread of every line would pass them all as arguments, and a long
    // history has more lines than the call stack has room for.
    if (items.length === 0) lines.push('  none');
    for (const item of items) for (const line of show(item)) lines.push(line);
  };
  section('Meetings', overview.meetings, (m) => [
    `  ${m.occurredOn}  ${m.title ?? m.meetingId}, ${m.venue} (host ${m.hostParty})`,
    ...m.outcomes.map((o) => `    - ${o}`),
  ]);
  section('Joint working groups', overview.jointWorkingGroups, (j) => [
    `  ${j.name} [${j.status}], established ${j.establishedOn}, rounds held: ${j.lastHeldRound}`,
    `    sectors (${j.sectors.length}): ${j.sectors.join(', ')}`,
    `    co-chairs: ${j.coChairs.length === 0 ? 'none designated yet' : j.coChairs.map(describePost).join('; ')}`,
    `    open action items: ${j.openActionItems.length === 0 ? 'none' : j.openActionItems.length}`,
    ...j.openActionItems.map(
      (a) =>
        `      ${a.actionId} (round ${a.round}, ${a.ownerParty}${a.dueOn === undefined ? '' : `, due ${a.dueOn}`}): ${a.description}`,
    ),
    ...j.warnings.map((w) => `    warning: ${describeWarning(w)}`),
    ...(j.dormancy === undefined ? [] : [`    ${describeDormancy(j.dormancy)}`]),
  ]);
  section('Memoranda of understanding', overview.mous, (m) => [
    `  ${m.title} [${m.status}] legal character ${m.legalCharacter}; signed by: ${m.signedBy.join(', ') || 'nobody'}; yet to sign: ${m.yetToSign.join(', ') || 'nobody'}`,
  ]);
  section('Liaison postings', overview.postings, (p) => [
    `  ${p.sendingState} at ${p.mission} (host ${p.hostState}) [${p.status}]${p.officerOnDuty === undefined ? '' : `; on duty: ${describePost(p.officerOnDuty)}`}`,
  ]);
  return lines.join('\n');
};
