/**
 * Generates the diagrams in `docs/diagrams/` from the code: `npm run docs:generate`.
 *
 * Lifecycles are not drawn by hand. For each aggregate a small vocabulary of commands (two
 * parties, a few dates) is tried, breadth first, on every state reached so far: `decide`, then
 * `evolve` for each event, recording (status before, event type, status after). A change to a
 * rule in a decider therefore changes its diagram, and `test/docs/diagrams.test.ts` fails until
 * the docs are generated again.
 *
 * The timeline of the Pakistan–Bahrain example is read from the events the example records.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as E from 'fp-ts/Either';
import { recordPakistanBahrain2025 } from '../../examples/pakistan-bahrain-2025';
import {
  BilateralMeeting,
  DrugLiaisonPosting,
  JointWorkingGroup,
  MoU,
  canonicalJson,
  createInMemoryEventStore,
  readTimeline,
  renderMermaidTimeline,
  renderTextTimeline,
  type BilateralMeetingCommand,
  type Decider,
  type DomainEvent,
  type DrugLiaisonPostingCommand,
  type JointWorkingGroupCommand,
  type MoUCommand,
} from '../../src';

// ---------------------------------------------------------------------------------------------
// Exploring a decider

/** One step seen while exploring: an event moved an engagement from one status to another. */
export interface Transition {
  readonly from: string;
  readonly event: string;
  readonly to: string;
}

export interface Lifecycle {
  /** The status of the initial state (before anything is recorded). */
  readonly initial: string;
  /** Every status reached, in the order first reached. */
  readonly statuses: readonly string[];
  /** Every distinct transition, in the order first seen. */
  readonly transitions: readonly Transition[];
  /** Statuses in which every command of the vocabulary was refused. */
  readonly final: readonly string[];
  /** Distinct states visited. */
  readonly statesVisited: number;
}

type Explorable<Command, Event extends DomainEvent, State> = Pick<
  Decider<Command, Event, State, string>,
  'initialState' | 'decide' | 'evolve'
>;

/**
 * Tries every command of `vocabulary` on every state reachable from the initial state by at most
 * `maxDepth` accepted commands, breadth first, visiting each distinct state once. Only what the
 * vocabulary can do is found: a transition needs a command (and dates) that the rules accept.
 * Throws when a status was reached but never explored, since it could then be wrongly drawn as
 * final or without its way out: the depth is too small for the vocabulary.
 */
export const exploreLifecycle = <
  Command,
  Event extends DomainEvent,
  State extends { readonly status: string },
>(
  decider: Explorable<Command, Event, State>,
  vocabulary: readonly Command[],
  maxDepth: number,
): Lifecycle => {
  const seen = new Set<string>([canonicalJson(decider.initialState)]);
  const statuses: string[] = [decider.initialState.status];
  const transitions = new Map<string, Transition>();
  const explored = new Set<string>();
  const acceptsSomething = new Set<string>();
  let queue: State[] = [decider.initialState];
  for (let depth = 0; depth < maxDepth && queue.length > 0; depth++) {
    const next: State[] = [];
    for (const state of queue) {
      explored.add(state.status);
      for (const command of vocabulary) {
        const decision = decider.decide(command, state);
        if (E.isLeft(decision) || decision.right.length === 0) continue;
        acceptsSomething.add(state.status);
        let current = state;
        for (const event of decision.right) {
          const after = decider.evolve(current, event);
          const transition = { from: current.status, event: event.type, to: after.status };
          const key = `${transition.from}\u0000${transition.event}\u0000${transition.to}`;
          if (!transitions.has(key)) transitions.set(key, transition);
          if (!statuses.includes(after.status)) statuses.push(after.status);
          current = after;
        }
        const key = canonicalJson(current);
        if (seen.has(key)) continue;
        seen.add(key);
        next.push(current);
      }
    }
    queue = next;
  }
  const unexplored = statuses.filter((s) => !explored.has(s));
  if (unexplored.length > 0)
    throw new Error(
      `status ${unexplored.join(', ')} was reached but not explored within ${maxDepth} commands; raise the depth`,
    );
  return {
    initial: decider.initialState.status,
    statuses,
    transitions: [...transitions.values()],
    final: statuses.filter((s) => !acceptsSomething.has(s)),
    statesVisited: seen.size,
  };
};

/**
 * A Mermaid `stateDiagram-v2`. Arrows carry the events that change the status, parallel ones
 * merged into one label; events that keep the status are listed in the state's box (↻); final
 * statuses lead to the end `[*]`.
 */
export const renderStateDiagram = (lifecycle: Lifecycle): string => {
  // An initial status nothing returns to (`unproposed`) is only where the lifecycle starts: it is
  // drawn as the start itself rather than as a box of its own.
  const startOnly = !lifecycle.transitions.some((t) => t.to === lifecycle.initial);
  const node = (status: string): string =>
    startOnly && status === lifecycle.initial ? '[*]' : status;
  const arrows = new Map<string, { from: string; to: string; events: string[] }>();
  const staying = new Map<string, string[]>();
  for (const { from, event, to } of lifecycle.transitions) {
    if (from === to) {
      const events = staying.get(from) ?? [];
      if (!events.includes(event)) staying.set(from, [...events, event]);
      continue;
    }
    const key = `${from}\u0000${to}`;
    const arrow = arrows.get(key) ?? { from, to, events: [] };
    if (!arrow.events.includes(event)) arrow.events.push(event);
    arrows.set(key, arrow);
  }
  const lines = ['stateDiagram-v2'];
  if (!startOnly) lines.push(`  [*] --> ${lifecycle.initial}`);
  // Arrows grouped by the status they leave, statuses in the order first reached.
  for (const status of lifecycle.statuses)
    for (const arrow of arrows.values())
      if (arrow.from === status)
        lines.push(`  ${node(arrow.from)} --> ${node(arrow.to)} : ${arrow.events.join(', ')}`);
  for (const status of lifecycle.statuses)
    for (const event of staying.get(status) ?? []) lines.push(`  ${status} : ↻ ${event}`);
  for (const status of lifecycle.final) lines.push(`  ${status} --> [*]`);
  return lines.join('\n');
};

// ---------------------------------------------------------------------------------------------
// The vocabularies: a few commands per aggregate, between PK and BH, on a handful of dates

const digestOf = (hexDigit: string): string => hexDigit.repeat(64);

const mouId = 'mou-extradition';
export const mouVocabulary: readonly MoUCommand[] = [
  {
    type: 'ProposeMoU',
    mouId,
    title: 'MoU on Extradition',
    subject: 'extradition',
    parties: ['PK', 'BH'],
    proposedBy: 'jointly',
    legalCharacter: 'undetermined',
    occurredOn: '2025-09-10',
  },
  { type: 'RecordNegotiationRound', mouId, round: 1, venue: 'Manama', occurredOn: '2025-10' },
  { type: 'RecordNegotiationRound', mouId, round: 2, venue: 'Islamabad', occurredOn: '2025-11' },
  {
    type: 'AgreeText',
    mouId,
    textVersion: 1,
    textDigest: digestOf('a'),
    expiresOn: '2030-12-31',
    occurredOn: '2026-01',
  },
  {
    type: 'AmendText',
    mouId,
    textVersion: 2,
    textDigest: digestOf('b'),
    summary: 'article 4 reworded',
    expiresOn: '2030-12-31',
    occurredOn: '2026-02',
  },
  {
    type: 'SignMoU',
    mouId,
    party: 'PK',
    signatory: { title: 'Federal Minister for Interior', party: 'PK' },
    place: 'Islamabad',
    occurredOn: '2026-03',
  },
  {
    type: 'SignMoU',
    mouId,
    party: 'BH',
    signatory: { title: 'Minister of Interior', party: 'BH' },
    place: 'Manama',
    occurredOn: '2026-03',
  },
  { type: 'RecordEntryIntoForce', mouId, method: 'onNotification', occurredOn: '2026-04' },
  { type: 'ExtendTerm', mouId, newExpiresOn: '2035-12-31', occurredOn: '2029' },
  {
    type: 'GiveTerminationNotice',
    mouId,
    party: 'PK',
    effectiveOn: '2030-07',
    occurredOn: '2030-01',
  },
  { type: 'RecordTermination', mouId, occurredOn: '2030-07' },
  { type: 'RecordExpiry', mouId, occurredOn: '2036' },
  { type: 'WithdrawMoU', mouId, reason: 'talks abandoned', occurredOn: '2026-06' },
  {
    type: 'DetermineLegalCharacter',
    mouId,
    legalCharacter: 'treaty',
    basis: 'opinion of the legal adviser',
    occurredOn: '2026-05',
  },
];

const jwgId = 'jwg-interior';
export const jwgVocabulary: readonly JointWorkingGroupCommand[] = [
  {
    type: 'EstablishJointWorkingGroup',
    jwgId,
    name: 'Interior JWG',
    parties: ['PK', 'BH'],
    sectors: ['counterNarcotics', 'counterTerrorism'],
    occurredOn: '2025-09-10',
  },
  {
    type: 'DesignateCoChair',
    jwgId,
    party: 'PK',
    post: { title: 'Federal Secretary for Interior', party: 'PK' },
    occurredOn: '2025-10',
  },
  { type: 'AddSector', jwgId, sector: 'immigration', occurredOn: '2025-10' },
  {
    type: 'ScheduleMeeting',
    jwgId,
    round: 1,
    hostParty: 'BH',
    venue: 'Manama',
    scheduledOn: '2026-01',
    occurredOn: '2025-11',
  },
  { type: 'PostponeMeeting', jwgId, round: 1, newDate: '2026-02', occurredOn: '2025-12' },
  {
    type: 'RecordMeetingHeld',
    jwgId,
    round: 1,
    hostParty: 'BH',
    venue: 'Manama',
    delegations: [],
    occurredOn: '2026-02',
  },
  {
    type: 'RecordActionItem',
    jwgId,
    actionId: 'exchange-contacts',
    round: 1,
    ownerParty: 'PK',
    description: 'exchange points of contact',
    occurredOn: '2026-02',
  },
  {
    type: 'CloseActionItem',
    jwgId,
    actionId: 'exchange-contacts',
    outcome: 'completed',
    occurredOn: '2026-06',
  },
  { type: 'DissolveJointWorkingGroup', jwgId, reason: 'work completed', occurredOn: '2027' },
];

const postingId = 'dlo-islamabad';
const announce = {
  type: 'AnnouncePosting',
  postingId,
  sendingState: 'BH',
  hostState: 'PK',
  mission: 'Embassy of Bahrain, Islamabad',
  hostApprovalRequired: false,
  occurredOn: '2025-09-10',
} satisfies DrugLiaisonPostingCommand;
export const postingVocabulary: readonly DrugLiaisonPostingCommand[] = [
  announce,
  // A host that asks for prior approval opens the approval statuses.
  { ...announce, hostApprovalRequired: true },
  {
    type: 'NominateOfficer',
    postingId,
    officer: { title: 'Drug Liaison Officer', party: 'BH' },
    occurredOn: '2025-10',
  },
  // A successor comes after the officer before has left, so is nominated later.
  {
    type: 'NominateOfficer',
    postingId,
    officer: { title: 'Drug Liaison Officer', party: 'BH', organisation: 'a successor' },
    occurredOn: '2027-07',
  },
  { type: 'NotifyAppointment', postingId, noteVerbaleRef: 'NV-1', occurredOn: '2025-11' },
  { type: 'GrantHostApproval', postingId, occurredOn: '2025-12' },
  { type: 'RefuseHostApproval', postingId, occurredOn: '2025-12' },
  { type: 'AssumeDuties', postingId, tourEndsOn: '2028', occurredOn: '2026-01' },
  { type: 'ExtendTour', postingId, newEndsOn: '2029', occurredOn: '2027' },
  { type: 'RecallOfficer', postingId, reason: 'end of tour', occurredOn: '2027-06' },
  { type: 'DeclarePersonaNonGrata', postingId, occurredOn: '2027-03' },
  { type: 'EndPosting', postingId, reason: 'embassy post abolished', occurredOn: '2030' },
];

const meetingId = 'interior-ministers-2025';
export const meetingVocabulary: readonly BilateralMeetingCommand[] = [
  {
    type: 'RecordBilateralMeeting',
    meetingId,
    parties: ['PK', 'BH'],
    hostParty: 'PK',
    venue: 'Islamabad',
    delegations: [],
    occurredOn: '2025-09-10',
  },
  {
    type: 'RecordMeetingOutcome',
    meetingId,
    outcomeId: 'jwg-agreed',
    kind: 'agreed',
    summary: 'to establish a Joint Working Group',
    occurredOn: '2025-09-10',
  },
  {
    type: 'NoteSourcedFact',
    meetingId,
    factId: 'record-recovery',
    statement: 'a record recovery',
    occurredOn: '2025-09-10',
  },
];

/** How one aggregate's lifecycle is explored and described. */
export interface LifecycleSpec {
  readonly aggregate: string;
  readonly decide: string;
  readonly evolve: string;
  readonly about: string;
  /** Every event type the aggregate records: each should label some transition. */
  readonly eventTypes: readonly string[];
  /** The depth that reaches and explores every status with this vocabulary. */
  readonly maxDepth: number;
  readonly explore: (maxDepth: number) => Lifecycle;
}

export const lifecycleSpecs: readonly LifecycleSpec[] = [
  {
    aggregate: MoU.name,
    decide: 'decideMoU',
    evolve: 'evolveMoU',
    about: 'A memorandum of understanding, from its proposal to its end.',
    eventTypes: MoU.events.types,
    maxDepth: 8,
    explore: (depth) => exploreLifecycle(MoU, mouVocabulary, depth),
  },
  {
    aggregate: JointWorkingGroup.name,
    decide: 'decideJointWorkingGroup',
    evolve: 'evolveJointWorkingGroup',
    about: 'A standing group of both states’ officials, from its establishment to its dissolution.',
    eventTypes: JointWorkingGroup.events.types,
    maxDepth: 5,
    explore: (depth) => exploreLifecycle(JointWorkingGroup, jwgVocabulary, depth),
  },
  {
    aggregate: DrugLiaisonPosting.name,
    decide: 'decideDrugLiaisonPosting',
    evolve: 'evolveDrugLiaisonPosting',
    about: 'A liaison officer post at a mission abroad, through each officer who fills it.',
    eventTypes: DrugLiaisonPosting.events.types,
    maxDepth: 7,
    explore: (depth) => exploreLifecycle(DrugLiaisonPosting, postingVocabulary, depth),
  },
  {
    aggregate: BilateralMeeting.name,
    decide: 'decideBilateralMeeting',
    evolve: 'evolveBilateralMeeting',
    about: 'A meeting between two states, with its outcomes and the facts stated there.',
    eventTypes: BilateralMeeting.events.types,
    maxDepth: 3,
    explore: (depth) => exploreLifecycle(BilateralMeeting, meetingVocabulary, depth),
  },
];

// ---------------------------------------------------------------------------------------------
// The documents

const GENERATED = '<!-- Generated by `npm run docs:generate`; do not edit by hand. -->';

const code = (names: readonly string[]): string => names.map((n) => `\`${n}\``).join(', ');

export const renderLifecyclesDoc = (specs: readonly LifecycleSpec[]): string => {
  const parts = [
    '# Lifecycles',
    GENERATED,
    [
      "Each diagram is derived from the aggregate's decider, not drawn by hand: a small set of",
      'commands (two parties, a few dates) is tried breadth first on every state reached, and each',
      'accepted command is applied with `evolve`, recording the status before and after each event',
      '(`test/docs/generate-diagrams.ts`). Arrows carry the events that change the status; events',
      "that leave it as it is are listed in the state's box (↻). `[*]` is where a lifecycle starts",
      'and, at the end of an arrow, where it ends: in a final status every command is refused.',
      'A transition that those commands cannot reach is not shown.',
    ].join('\n'),
    ...specs.map((spec) => {
      const lifecycle = spec.explore(spec.maxDepth);
      const final =
        lifecycle.final.length === 0
          ? 'No status is final: it takes further records for as long as it exists.'
          : `Final: ${code(lifecycle.final)}.`;
      return [
        `## ${spec.aggregate}`,
        `${spec.about} Explored from \`${spec.decide}\` and \`${spec.evolve}\`: ${lifecycle.statesVisited} states reached by up to ${spec.maxDepth} commands. ${final}`,
        ['```mermaid', renderStateDiagram(lifecycle), '```'].join('\n'),
      ].join('\n\n');
    }),
  ];
  return `${parts.join('\n\n')}\n`;
};

const TIMELINE_TITLE = 'Pakistan and Bahrain, September 2025';

export const renderExampleTimelineDoc = async (): Promise<string> => {
  const store = createInMemoryEventStore();
  await recordPakistanBahrain2025(store);
  const timeline = await readTimeline(store);
  if (E.isLeft(timeline)) throw new Error(timeline.left.message);
  const entries = timeline.right;
  return `${[
    '# Timeline: Pakistan and Bahrain, 10 September 2025',
    GENERATED,
    [
      'What `examples/pakistan-bahrain-2025.ts` records, by the date each thing happened in the',
      'world (`occurredOn`), rendered by `renderMermaidTimeline` and `renderTextTimeline` from',
      '`timelineEntries`. A date known only to the month or year comes before the days it may',
      'stand for.',
    ].join('\n'),
    ['```mermaid', renderMermaidTimeline(entries, { title: TIMELINE_TITLE }).trimEnd(), '```'].join(
      '\n',
    ),
    'The same, as text:',
    ['```text', renderTextTimeline(entries).trimEnd(), '```'].join('\n'),
  ].join('\n\n')}\n`;
};

/** Every generated document, by its path from the root of the project. */
export const generateDiagramDocs = async (): Promise<
  readonly { readonly path: string; readonly contents: string }[]
> => [
  { path: 'docs/diagrams/lifecycles.md', contents: renderLifecyclesDoc(lifecycleSpecs) },
  {
    path: 'docs/diagrams/pakistan-bahrain-timeline.md',
    contents: await renderExampleTimelineDoc(),
  },
];

export const projectRoot = join(__dirname, '..', '..');

if (require.main === module) {
  generateDiagramDocs()
    .then((docs) => {
      for (const { path, contents } of docs) {
        const file = join(projectRoot, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, contents);
        console.log(`wrote ${path}`);
      }
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
