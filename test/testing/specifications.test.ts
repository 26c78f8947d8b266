import { AssertionError } from 'node:assert';
import { MoU, type MoUCommand, type MoUEvent } from '../../src/domain/mou';
import { currentStatesProjection, emptyCurrentStates } from '../../src/projections';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { JointWorkingGroup } from '../../src/domain/joint-working-group';
import { BilateralMeeting } from '../../src/domain/bilateral-meeting';
import { DrugLiaisonPosting } from '../../src/domain/drug-liaison-posting';
import {
  commandSpecification,
  deciderSpecification,
  projectionSpecification,
} from '../../src/testing';
import { context, recordingIn2040 } from '../support/context';

const mouId = 'mou-pk-bh-narcotics';
const propose = {
  type: 'ProposeMoU',
  mouId,
  title: 'Memorandum of Understanding on Combating Narcotics',
  subject: 'narcotics',
  parties: ['PK', 'BH'],
  proposedBy: 'BH',
  legalCharacter: 'nonBinding',
  occurredOn: '2025-09-10',
} satisfies MoUCommand;
const proposed = {
  type: 'MoUProposed',
  occurredOn: '2025-09-10',
  data: {
    mouId,
    title: propose.title,
    subject: 'narcotics',
    parties: ['PK', 'BH'],
    proposedBy: 'BH',
    legalCharacter: 'nonBinding',
  },
} satisfies MoUEvent;
const round1 = {
  type: 'RecordNegotiationRound',
  mouId,
  round: 1,
  venue: 'Manama',
  occurredOn: '2025-10-01',
} satisfies MoUCommand;
const roundHeld = {
  type: 'MoUNegotiationRoundHeld',
  occurredOn: '2025-10-01',
  data: { mouId, round: 1, venue: 'Manama' },
} satisfies MoUEvent;

const recordedBy = {
  actor: 'registrar@mofa.example',
  onBehalfOf: 'PK',
  reason: 'recording the outcome of talks',
  source: { kind: 'newsReport', reference: 'UrduPoint, 10 Sep 2025' },
} as const;

/** Runs `check`, which must throw an AssertionError whose message matches `pattern`. */
const failsWith = async (check: () => unknown, pattern: RegExp): Promise<void> => {
  let thrown: unknown;
  try {
    await check();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AssertionError);
  expect((thrown as Error).message).toMatch(pattern);
};

describe('deciderSpecification', () => {
  const mou = deciderSpecification(MoU);

  it('passes when the decider produces exactly the events expected', () => {
    mou.given().when(propose).then([proposed]);
    mou.given([proposed]).when(round1).then([roundHeld]);
  });

  it('fails with a diff when the events differ', async () => {
    await failsWith(
      () =>
        mou
          .given([proposed])
          .when(round1)
          .then([{ ...roundHeld, data: { ...roundHeld.data, venue: 'Islamabad' } }]),
      /deep-equal[\s\S]*\+ +venue: 'Manama'[\s\S]*- +venue: 'Islamabad'/,
    );
  });

  it('fails naming the rule when a command expected to pass is refused', async () => {
    await failsWith(
      () => mou.given([proposed]).when(propose).then([proposed]),
      /refused by rule MoUAlreadyProposed/,
    );
  });

  it('asserts a refusal by rule, and by its message', async () => {
    mou.given([proposed]).when(propose).thenRefused('MoUAlreadyProposed');
    mou
      .given([proposed])
      .when(propose)
      .thenRefused('MoUAlreadyProposed', /already proposed/);
    await failsWith(
      () => mou.given([proposed]).when(propose).thenRefused('MoUNotProposed'),
      /expected a refusal by rule MoUNotProposed, but the command was refused by rule MoUAlreadyProposed/,
    );
    await failsWith(
      () => mou.given().when(propose).thenRefused('MoUAlreadyProposed'),
      /accepted with 1 event/,
    );
    await failsWith(
      () => mou.given([proposed]).when(propose).thenRefused('MoUAlreadyProposed', 'never said'),
      /message does not match/,
    );
  });

  it('asserts the state the events lead to', async () => {
    const after = mou.given([proposed]).when(round1);
    after.then([roundHeld]);
    after.thenState(MoU.evolve(MoU.evolve(MoU.initialState, proposed), roundHeld));
    await failsWith(() => after.thenState(MoU.initialState), /deep-equal/);
    await failsWith(() => mou.given().when(propose).thenNothing(), /deep-equal/);
  });

  it('says what is wrong when the object `when` returns is taken for a promise', async () => {
    await expect(
      (async () => {
        // TypeScript refuses this await (TS1320); plain JavaScript, or a runner, does not.
        await (mou.given().when(propose) as unknown as PromiseLike<void>);
      })(),
    ).rejects.toThrow(/not a promise/);
  });
});

describe('commandSpecification', () => {
  const mou = commandSpecification(MoU, {
    recordedBy,
    store: () => createInMemoryEventStore({ now: recordingIn2040 }),
  });

  it('handles the command against a store and checks what it recorded', async () => {
    await mou.given([propose]).when(round1).then([roundHeld]);
    await failsWith(() => mou.given([propose]).when(round1).then([]), /deep-equal/);
  });

  it('refuses by the kernel rules as well as the aggregate ones, recording nothing', async () => {
    await mou.given([propose]).when(propose).thenRefused('MoUAlreadyProposed');
    await mou
      .given([propose])
      .when(round1, context({ onBehalfOf: 'FR' }))
      .thenRefused('OnBehalfOfMustBeAParty');
    await mou
      .given()
      .when({ ...propose, parties: ['PK'] } as unknown as MoUCommand)
      .thenFailed('InvalidCommand');
  });

  it('recognises a retry as nothing recorded, and a reused id as a failure', async () => {
    const handled = { command: propose, context: context() };
    await mou.given([handled]).when(propose, handled.context).thenNothingRecorded();
    await failsWith(
      () => mou.given([handled]).when(propose, handled.context).then([proposed]),
      /answered as a retry/,
    );
    await mou
      .given([handled])
      .when(round1, { ...handled.context })
      .thenFailed('CommandIdReused');
  });

  it('fails naming a given command that was not accepted', async () => {
    await failsWith(
      () => mou.given([round1]).when(propose).then([proposed]),
      /given command 1 \(RecordNegotiationRound\) was not accepted/,
    );
  });

  it('asserts the state after the command', async () => {
    await mou
      .given([propose])
      .when(round1)
      .thenState(MoU.evolve(MoU.evolve(MoU.initialState, proposed), roundHeld));
  });
});

describe('projectionSpecification', () => {
  const states = projectionSpecification(currentStatesProjection, {
    aggregates: [BilateralMeeting, JointWorkingGroup, MoU, DrugLiaisonPosting],
    recordedBy,
  });

  it('records the events, reads them back and folds them as the runner would', async () => {
    const expected = emptyCurrentStates();
    expected.mous.set(mouId, MoU.evolve(MoU.evolve(MoU.initialState, proposed), roundHeld));
    const given = states.given([
      { streamId: `MoU-${mouId}`, event: proposed },
      { streamId: `MoU-${mouId}`, event: roundHeld },
    ]);
    const model = await given.model();
    expected.position = model.position;
    await given.then(expected);
    expect(model.position).toBeDefined();
    await failsWith(() => given.then(emptyCurrentStates()), /deep-equal/);
  });

  it('refuses an event its codec refuses, and a stream of no aggregate given', async () => {
    await failsWith(
      () =>
        states
          .given([
            {
              streamId: `MoU-${mouId}`,
              event: {
                ...proposed,
                data: { ...proposed.data, parties: ['PK'] },
              } as unknown as MoUEvent,
            },
          ])
          .model(),
      /given event 1 \(MoUProposed\) cannot be recorded/,
    );
    await failsWith(
      () => states.given([{ streamId: `Treaty-${mouId}`, event: proposed }]).model(),
      /category Treaty is none of the aggregates given/,
    );
  });
});
