import { v4 as uuidv4 } from 'uuid';
import type { MoUCommand } from '../../../src/domain/mou';
import type { Parties } from '../../../src/domain/shared/party';
import type { CommandContext } from '../../../src/kernel/recorded-event';

/**
 * The one workload every measurement shares: 2,000 MoUs, each taken through nine commands from
 * proposal to an extended term. Commands go round the MoUs step by step, so streams grow side by
 * side and the global order interleaves them, as a registry recording many engagements would.
 */

export const MOUS = 2_000;
export const COMMANDS_PER_MOU = 9;
export const COMMANDS = MOUS * COMMANDS_PER_MOU;

export interface WorkItem {
  readonly command: MoUCommand;
  readonly context: CommandContext;
}

const pairs: readonly Parties[] = [
  ['PK', 'BH'],
  ['FR', 'DE'],
  ['JP', 'KR'],
  ['BR', 'AR'],
  ['KE', 'TZ'],
  ['IN', 'LK'],
  ['NO', 'SE'],
];

/** A 64-digit hexadecimal digest that differs per MoU (the text itself is not needed). */
const digestOf = (n: number): string => n.toString(16).padStart(8, '0').repeat(8);

export const mouIdOf = (n: number): string => `bench-${n}`;

/** The nine commands of one MoU, in the order they are recorded. */
const lifecycle = (n: number): MoUCommand[] => {
  const mouId = mouIdOf(n);
  const parties = pairs[n % pairs.length] ?? ['PK', 'BH'];
  const [first, second] = parties;
  const day = String((n % 28) + 1).padStart(2, '0');
  return [
    {
      type: 'ProposeMoU',
      mouId,
      title: `Memorandum of understanding on cooperation no. ${n}`,
      subject: 'combating transnational organised crime and drug trafficking',
      parties,
      proposedBy: first,
      legalCharacter: 'nonBinding',
      occurredOn: `2025-01-${day}`,
    },
    { type: 'RecordNegotiationRound', mouId, round: 1, venue: 'Islamabad', occurredOn: '2025-02' },
    {
      type: 'RecordNegotiationRound',
      mouId,
      round: 2,
      venue: 'Manama',
      occurredOn: `2025-03-${day}`,
    },
    {
      type: 'RecordNegotiationRound',
      mouId,
      round: 3,
      venue: 'Geneva',
      occurredOn: `2025-04-${day}`,
    },
    {
      type: 'AgreeText',
      mouId,
      textVersion: 1,
      textDigest: digestOf(n),
      noticePeriodDays: 180,
      expiresOn: '2030-06-30',
      occurredOn: '2025-05-20',
    },
    {
      type: 'SignMoU',
      mouId,
      party: first,
      signatory: { title: 'Minister for Interior', party: first },
      place: 'Manama',
      occurredOn: '2025-06-02',
    },
    {
      type: 'SignMoU',
      mouId,
      party: second,
      signatory: { title: 'Minister of Interior', party: second },
      place: 'Manama',
      occurredOn: '2025-06-02',
    },
    { type: 'RecordEntryIntoForce', mouId, method: 'onDate', occurredOn: '2025-07-01' },
    { type: 'ExtendTerm', mouId, newExpiresOn: '2035-06-30', occurredOn: '2029-11-15' },
  ];
};

/** Every command with its context, step by step across all MoUs. */
export const buildWorkload = (): readonly WorkItem[] => {
  const byMoU = Array.from({ length: MOUS }, (_, n) => ({
    commands: lifecycle(n),
    parties: pairs[n % pairs.length] ?? ['PK', 'BH'],
    correlationId: uuidv4(),
  }));
  const items: WorkItem[] = [];
  for (let step = 0; step < COMMANDS_PER_MOU; step++)
    for (const [n, mou] of byMoU.entries()) {
      const command = mou.commands[step];
      if (command === undefined) throw new Error(`no step ${step}`);
      items.push({
        command,
        context: {
          commandId: uuidv4(),
          actor: 'registrar@mofa.example',
          onBehalfOf: step % 2 === 0 ? mou.parties[0] : mou.parties[1],
          reason: 'recording the state of the negotiations',
          source: { kind: 'officialStatement', reference: `press release ${n}/${step}` },
          correlationId: mou.correlationId,
        },
      });
    }
  return items;
};

/**
 * The clock the benchmark's stores record with: the workload's lifecycles run into 2031, and an
 * act is never recorded before it happened, so the stores record them as of 2040.
 */
export const recordingIn2040 = (): Date => new Date('2040-01-01T00:00:00.000Z');
