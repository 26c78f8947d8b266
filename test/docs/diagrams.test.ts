import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { MoU, refuse, type DomainEvent } from '../../src';
import {
  exploreLifecycle,
  generateDiagramDocs,
  lifecycleSpecs,
  mouVocabulary,
  projectRoot,
  renderStateDiagram,
  type Transition,
} from './generate-diagrams';

describe('the generated diagrams in docs/diagrams', () => {
  it('are up to date with the code', async () => {
    const stale: string[] = [];
    for (const { path, contents } of await generateDiagramDocs()) {
      const file = join(projectRoot, path);
      const committed = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (committed !== contents)
        stale.push(
          `${path} is ${committed === undefined ? 'missing' : 'stale'}: run \`npm run docs:generate\``,
        );
    }
    expect(stale).toEqual([]);
  });

  it('show the example as a Mermaid timeline with a line per recorded event', async () => {
    const docs = await generateDiagramDocs();
    const timeline = docs.find((d) => d.path.endsWith('pakistan-bahrain-timeline.md'))?.contents;
    expect(timeline).toContain('```mermaid\ntimeline\n');
    expect(timeline).toContain('  section 2025-09-10\n');
    expect(timeline).toContain(': Pakistan–Bahrain Joint Working Group established (6 sectors)');
    expect(timeline).toContain(': MoU on Extradition proposed jointly by PK and BH');
    expect(timeline).toContain(
      ': BH announced a drug liaison posting at Embassy of the Kingdom of Bahrain, Islamabad (host PK)',
    );
  });

  it('are linked from the docs index and from every aggregate page', () => {
    const index = readFileSync(join(projectRoot, 'docs', 'README.md'), 'utf8');
    expect(index).toContain('(diagrams/lifecycles.md)');
    expect(index).toContain('(diagrams/pakistan-bahrain-timeline.md)');
    for (const page of ['mou', 'joint-working-group', 'drug-liaison-posting', 'bilateral-meeting'])
      expect(readFileSync(join(projectRoot, 'docs', 'aggregates', `${page}.md`), 'utf8')).toMatch(
        /\(\.\.\/diagrams\/lifecycles\.md#[a-z]+\)/,
      );
  });
});

describe('the lifecycle of each aggregate, explored from its decider', () => {
  it.each(lifecycleSpecs.map((spec) => [spec.aggregate, spec] as const))(
    '%s: every event type labels a transition',
    (_name, spec) => {
      const seen = new Set(spec.explore(spec.maxDepth).transitions.map((t) => t.event));
      expect(spec.eventTypes.filter((type) => !seen.has(type))).toEqual([]);
    },
  );

  it.each(lifecycleSpecs.map((spec) => [spec.aggregate, spec] as const))(
    '%s: exploring deeper finds nothing new, so the depth is enough for the commands tried',
    (_name, spec) => {
      const atDepth = spec.explore(spec.maxDepth);
      const deeper = spec.explore(spec.maxDepth + 3);
      expect(deeper.transitions).toEqual(expect.arrayContaining([...atDepth.transitions]));
      expect(deeper.transitions).toHaveLength(atDepth.transitions.length);
      expect(deeper.final).toEqual(atDepth.final);
    },
  );

  it('finds the MoU lifecycle the domain describes', () => {
    const spec = lifecycleSpecs.find((s) => s.aggregate === 'MoU');
    const lifecycle = spec?.explore(spec.maxDepth);
    const edges = lifecycle?.transitions.map((t) => `${t.from} -${t.event}-> ${t.to}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        'unproposed -MoUProposed-> proposed',
        'textAgreed -MoUSigned-> partlySigned',
        'partlySigned -MoUSigned-> signed',
        'signed -MoUEnteredIntoForce-> inForce',
        'signed -MoUWithdrawn-> withdrawn',
        'terminationNoticeGiven -MoUTerminated-> terminated',
      ]),
    );
    // The rules of the decider, not a drawing: no signature before the text is agreed, no
    // withdrawal once in force.
    expect(edges).not.toContain('proposed -MoUSigned-> partlySigned');
    expect(edges).not.toContain('inForce -MoUWithdrawn-> withdrawn');
    expect(lifecycle?.final).toEqual(['withdrawn', 'expired', 'terminated']);
  });

  it('changes when a rule of the decider changes', () => {
    // A stricter MoU that may not be withdrawn once anyone has signed it.
    const stricter: typeof MoU = {
      ...MoU,
      decide: (command, state) =>
        command.type === 'WithdrawMoU' &&
        state.status !== 'unproposed' &&
        state.signatures.length > 0
          ? refuse('MoU', 'WithdrawalAfterEntryIntoForce', 'signed')
          : MoU.decide(command, state),
    };
    const usual = renderStateDiagram(exploreLifecycle(MoU, mouVocabulary, 8));
    const changed = renderStateDiagram(exploreLifecycle(stricter, mouVocabulary, 8));
    expect(usual).toContain('  partlySigned --> withdrawn : MoUWithdrawn\n');
    expect(changed).not.toContain('partlySigned --> withdrawn');
    expect(changed).not.toContain('  signed --> withdrawn');
    expect(changed).toContain('  textAgreed --> withdrawn : MoUWithdrawn\n');
  });
});

/** A door: closed ⇄ open, locked when closed, demolished for good. */
type Door = {
  readonly status: 'closed' | 'open' | 'locked' | 'demolished';
  readonly paint: number;
};
type DoorCommand = 'open' | 'close' | 'lock' | 'unlock' | 'paint' | 'slam' | 'demolish' | 'burn';
type DoorEvent = DomainEvent<
  'Opened' | 'Closed' | 'Slammed' | 'Locked' | 'Unlocked' | 'Painted' | 'Demolished' | 'Burnt',
  null
>;

const happened = (type: DoorEvent['type']): DoorEvent => ({ type, occurredOn: '2025', data: null });

const newDoor: Door = { status: 'closed', paint: 0 };

const door = {
  initialState: newDoor,
  decide: (command: DoorCommand, state: Door): E.Either<never, readonly DoorEvent[]> => {
    const ok = (...events: DoorEvent[]) => E.right(events);
    if (state.status === 'demolished') return ok();
    switch (command) {
      case 'open':
        return state.status === 'closed' ? ok(happened('Opened')) : ok();
      case 'close':
        return state.status === 'open' ? ok(happened('Closed')) : ok();
      case 'lock':
        return state.status === 'closed' ? ok(happened('Locked')) : ok();
      case 'unlock':
        return state.status === 'locked' ? ok(happened('Unlocked')) : ok();
      case 'paint':
        return state.paint < 2 ? ok(happened('Painted')) : ok();
      case 'slam':
        // Two events from one command: the door passes through `closed` on its way to `locked`.
        return state.status === 'open' ? ok(happened('Slammed'), happened('Locked')) : ok();
      case 'demolish':
        return ok(happened('Demolished'));
      case 'burn':
        return state.status === 'closed' ? ok(happened('Burnt')) : ok();
    }
  },
  evolve: (state: Door, event: DoorEvent): Door => {
    switch (event.type) {
      case 'Opened':
        return { ...state, status: 'open' };
      case 'Closed':
      case 'Slammed':
      case 'Unlocked':
        return { ...state, status: 'closed' };
      case 'Locked':
        return { ...state, status: 'locked' };
      case 'Painted':
        return { ...state, paint: state.paint + 1 };
      case 'Demolished':
      case 'Burnt':
        return { ...state, status: 'demolished' };
    }
  },
};
const everything: readonly DoorCommand[] = [
  'open',
  'close',
  'lock',
  'unlock',
  'paint',
  'slam',
  'demolish',
  'burn',
];

describe('exploreLifecycle', () => {
  const lifecycle = exploreLifecycle(door, everything, 4);
  const edge = (from: string, event: string, to: string): Transition => ({ from, event, to });

  it('records (status before, event, status after) for every event of every accepted command', () => {
    expect(lifecycle.statuses).toEqual(['closed', 'open', 'locked', 'demolished']);
    expect(lifecycle.transitions).toEqual([
      edge('closed', 'Opened', 'open'),
      edge('closed', 'Locked', 'locked'),
      edge('closed', 'Painted', 'closed'),
      edge('closed', 'Demolished', 'demolished'),
      edge('closed', 'Burnt', 'demolished'),
      edge('open', 'Closed', 'closed'),
      edge('open', 'Painted', 'open'),
      // A command with two events passes through `closed` on its way to `locked`.
      edge('open', 'Slammed', 'closed'),
      edge('open', 'Demolished', 'demolished'),
      edge('locked', 'Unlocked', 'closed'),
      edge('locked', 'Painted', 'locked'),
      edge('locked', 'Demolished', 'demolished'),
    ]);
    // Each distinct state once: paint 0 to 2 in each of the four statuses.
    expect(lifecycle.statesVisited).toBe(12);
  });

  it('calls final the statuses in which every command is refused or changes nothing', () => {
    expect(lifecycle.final).toEqual(['demolished']);
  });

  it('refuses to guess when a status was reached but the depth ran out before exploring it', () => {
    expect(() => exploreLifecycle(door, everything, 1)).toThrow(
      /open, locked, demolished .*raise the depth/,
    );
  });

  it('renders arrows with merged labels, staying events in the box, the start and the end', () => {
    expect(renderStateDiagram(lifecycle)).toBe(
      [
        'stateDiagram-v2',
        // `closed` is returned to, so it is a state of its own after the start.
        '  [*] --> closed',
        '  closed --> open : Opened',
        '  closed --> locked : Locked',
        '  closed --> demolished : Demolished, Burnt',
        '  open --> closed : Closed, Slammed',
        '  open --> demolished : Demolished',
        '  locked --> closed : Unlocked',
        '  locked --> demolished : Demolished',
        '  closed : ↻ Painted',
        '  open : ↻ Painted',
        '  locked : ↻ Painted',
        '  demolished --> [*]',
      ].join('\n'),
    );
  });

  it('draws an initial status nothing returns to as the start itself', () => {
    const oneWay = exploreLifecycle(door, ['open', 'demolish'], 3);
    expect(renderStateDiagram(oneWay)).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> open : Opened',
        '  [*] --> demolished : Demolished',
        '  open --> demolished : Demolished',
        '  demolished --> [*]',
      ].join('\n'),
    );
  });
});
