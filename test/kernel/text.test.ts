import * as E from 'fp-ts/Either';
import {
  JointWorkingGroup,
  type JointWorkingGroupCommand,
} from '../../src/domain/joint-working-group';
import { MoU, type MoUCommand } from '../../src/domain/mou';
import { streamIdOf, type Aggregate } from '../../src/kernel/aggregate';
import { handleCommand } from '../../src/kernel/command-handler';
import type { DomainEvent } from '../../src/kernel/event';
import type { EventStore, StoredEvent } from '../../src/kernel/event-store';
import type { CommandContext } from '../../src/kernel/recorded-event';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { context, snapshot } from '../support/context';

const mouId = 'mou-pk-bh-extradition';
const mouStream = `MoU-${mouId}`;
const propose = (title: string): MoUCommand => ({
  type: 'ProposeMoU',
  mouId,
  title,
  subject: 'extradition',
  parties: ['PK', 'BH'],
  proposedBy: 'PK',
  legalCharacter: 'undetermined',
  occurredOn: '2025-09-10',
});
const withdraw = (reason: string): MoUCommand => ({
  type: 'WithdrawMoU',
  mouId,
  reason,
  occurredOn: '2025-10-01',
});
const sign = (title: string): MoUCommand => ({
  type: 'SignMoU',
  mouId,
  party: 'PK',
  signatory: { title, party: 'PK' },
  place: 'Islamabad',
  occurredOn: '2025-09-11',
});

const jwgId = 'jwg-pk-bh-security';
const jwgStream = `JointWorkingGroup-${jwgId}`;
const nfc = 'S\u00e9curit\u00e9 maritime';
const nfd = 'Se\u0301curite\u0301 maritime';
const establish = (custom: string): JointWorkingGroupCommand => ({
  type: 'EstablishJointWorkingGroup',
  jwgId,
  name: 'Joint Working Group on Security',
  parties: ['PK', 'BH'],
  sectors: ['immigration', { custom }],
  occurredOn: '2025-09-10',
});
const addSector = (custom: string): JointWorkingGroupCommand => ({
  type: 'AddSector',
  jwgId,
  sector: { custom },
  occurredOn: '2025-10-01',
});

const stored = async (store: EventStore, streamId: string): Promise<StoredEvent[]> =>
  (await snapshot(store, streamId)) as StoredEvent[];

/** Handles `command` on a store holding `history`, and says what it answered and what it kept. */
const attempt = async <
  C extends { readonly type: string },
  Ev extends DomainEvent,
  S,
  R extends string,
>(
  aggregate: Aggregate<C, Ev, S, R>,
  history: readonly C[],
  command: C,
  ctx: CommandContext = context(),
) => {
  const store = createInMemoryEventStore();
  const streamId = streamIdOf(aggregate.name, aggregate.idOf(command));
  for (const earlier of history) {
    const done = await handleCommand(store, aggregate, earlier, context());
    if (E.isLeft(done)) throw new Error(done.left.message);
  }
  const before = await snapshot(store, streamId);
  const result = await handleCommand(store, aggregate, command, ctx);
  return { store, result, before, after: await snapshot(store, streamId) };
};

/** The refusal's message, after checking it is an invalid command that appended nothing. */
const refusal = async (run: ReturnType<typeof attempt>): Promise<string> => {
  const { result, before, after } = await run;
  if (E.isRight(result)) throw new Error('accepted');
  expect(result.left.kind).toBe('InvalidCommand');
  expect(after).toEqual(before);
  return result.left.message;
};

describe('text refused through handleCommand, with nothing appended', () => {
  it('refuses NUL in a title', async () => {
    const message = await refusal(attempt(MoU, [], propose('Extradition\u0000 MoU')));
    expect(message).toContain(
      'ProposeMoU.title: expected Title (at most 300 characters), got "Extradition\\u0000 MoU" — contains the control character U+0000 at character 12',
    );
  });

  it('refuses the right-to-left override U+202E in a title', async () => {
    const message = await refusal(attempt(MoU, [], propose('MoU on \u202Enoitidartxe')));
    expect(message).toContain('ProposeMoU.title: expected Title (at most 300 characters)');
    expect(message).toContain('contains the bidirectional control U+202E at character 8');
    // The message shows the override as an escape, so it cannot disguise the message itself.
    expect(message).toContain('got "MoU on \\u202Enoitidartxe"');
    expect(message).not.toContain('\u202E');
  });

  it('refuses U+202E in the title of a post, on a stream that already has events', async () => {
    const run = attempt(MoU, [propose('MoU on Extradition')], sign('Minister\u202E of Interior'));
    const message = await refusal(run);
    expect(message).toContain('SignMoU.signatory.title: expected Title');
    expect((await run).before).toHaveLength(1);
  });

  it.each([
    ['a zero-width space', '\u200b', 'contains the invisible character U+200B at character 1'],
    ['joiners only', '\u200c\u200d', 'has no visible character'],
    ['spaces and a joiner', ' \u200c\u3000', 'has no visible character'],
  ])('refuses a reason of %s', async (_what, reason, problem) => {
    const message = await refusal(attempt(MoU, [propose('MoU on Extradition')], withdraw(reason)));
    expect(message).toContain(`WithdrawMoU.reason: expected Reason (at most 2000 characters)`);
    expect(message).toContain(problem);
  });

  it('refuses a zero-width reason in the context', async () => {
    const ctx = context({ reason: '\u200c' });
    const message = await refusal(attempt(MoU, [], propose('MoU on Extradition'), ctx));
    expect(message).toContain('context.reason: expected Reason (at most 2000 characters)');
  });

  it('refuses a million-character title, with a short message', async () => {
    const message = await refusal(attempt(MoU, [], propose('x'.repeat(1_000_000))));
    expect(message).toContain('ProposeMoU.title: expected Title (at most 300 characters)');
    expect(message).toContain('is 1000000 characters long');
    expect(message.length).toBeLessThan(300);
  });

  it('refuses a sector name with a zero-width space in it', async () => {
    const spaced = 'S\u00e9curit\u00e9\u200bmaritime';
    const message = await refusal(attempt(JointWorkingGroup, [establish(nfc)], addSector(spaced)));
    expect(message).toContain('AddSector.sector.custom: expected Name (at most 200 characters)');
    expect(message).toContain('U+200B at character 9');
  });
});

describe('text recorded in its normal form', () => {
  it('stores a title without its surrounding spaces', async () => {
    const { result, store } = await attempt(MoU, [], propose('  MoU on Extradition\u00a0 '));
    expect(E.isRight(result)).toBe(true);
    const [event] = await stored(store, mouStream);
    expect(JSON.parse(event?.data ?? '{}').title).toBe('MoU on Extradition');
  });

  it('stores the reason and source of the context trimmed', async () => {
    const ctx = context({
      reason: ' recording the talks ',
      source: { kind: 'newsReport', reference: ' UrduPoint ' },
    });
    const { store } = await attempt(MoU, [], propose('MoU on Extradition'), ctx);
    const [event] = await stored(store, mouStream);
    const metadata = JSON.parse(event?.metadata ?? '{}');
    expect(metadata.reason).toBe('recording the talks');
    expect(metadata.source.reference).toBe('UrduPoint');
  });

  it('stores an NFD sector name as NFC', async () => {
    const { result, store } = await attempt(JointWorkingGroup, [], establish(nfd));
    expect(E.isRight(result)).toBe(true);
    const [event] = await stored(store, jwgStream);
    expect(JSON.parse(event?.data ?? '{}').sectors[1]).toEqual({ custom: nfc });
  });

  it.each([
    ['NFD', nfd],
    ['NFC', nfc],
    ['capitals', 'SÉCURITÉ MARITIME'],
    ['a joiner', 'Sécurité\u200cmaritime'],
  ])('makes no second sector of the %s spelling', async (_what, spelling) => {
    const { result, before, after } = await attempt(
      JointWorkingGroup,
      [establish(nfc)],
      addSector(spelling),
    );
    expect(E.isLeft(result) && result.left.kind).toBe('RuleViolated');
    expect(E.isLeft(result) && 'rule' in result.left && result.left.rule).toBe(
      'SectorAlreadyCovered',
    );
    expect(after).toEqual(before);
  });
});
