import type { ActInOrder, Prerequisite } from '../../kernel/acts-in-order';
import type { PartialDate } from '../../kernel/partial-date';
import type { MoUCommand } from './commands';
import type { MoURule } from './rules';
import type { MoURecord } from './state';

type Step = Prerequisite<MoURule>;

const step = (act: string, on: PartialDate | undefined, rule: MoURule): readonly Step[] =>
  on === undefined ? [] : [{ act, on, rule }];

/** The last round held, then every round before it: partial dates do not chain. */
const lastRound = (record: MoURecord, rule: MoURule): readonly Step[] =>
  [...record.rounds].reverse().flatMap((r) => step(`round ${r.round} was held`, r.heldOn, rule));

const textSettled = (record: MoURecord, rule: MoURule): readonly Step[] =>
  record.text === undefined
    ? []
    : step(`version ${record.text.version} of the text was settled`, record.text.settledOn, rule);

const signatures = (record: MoURecord, rule: MoURule): readonly Step[] =>
  record.signatures.flatMap((s) => step(`${s.party} signed`, s.signedOn, rule));

/** Entry into force, then the signatures and the text before it: partial dates do not chain. */
const entryIntoForce = (record: MoURecord): readonly Step[] => [
  ...step('it entered into force', record.enteredIntoForceOn, 'DatedBeforeEntryIntoForce'),
  ...signatures(record, 'DatedBeforeEntryIntoForce'),
  ...textSettled(record, 'DatedBeforeEntryIntoForce'),
];

/**
 * The dated acts a command on a proposed MoU depends on. Every step comes after the proposal;
 * beyond that, each step names the steps the lifecycle puts before it, so that no point in time
 * shows, say, a signature on a text not yet agreed.
 */
export const mouActsInOrder = (
  command: MoUCommand,
  record: MoURecord,
): readonly ActInOrder<MoURule>[] => {
  const proposal = step(
    `MoU ${record.mouId} was proposed`,
    record.proposedOn,
    'DatedBeforeProposal',
  );
  const act = (what: string, ...after: (readonly Step[])[]): readonly ActInOrder<MoURule>[] => [
    { act: what, on: command.occurredOn, after: [...proposal, ...after.flat()] },
  ];
  switch (command.type) {
    case 'ProposeMoU':
      return [];
    case 'RecordNegotiationRound':
      return act(
        `round ${command.round}`,
        lastRound(record, 'NegotiationRoundBeforePreviousRound'),
      );
    case 'AgreeText':
      return act(`agreeing version ${command.textVersion} of the text`);
    case 'AmendText':
      return act(
        `amending the text to version ${command.textVersion}`,
        textSettled(record, 'AmendmentBeforeTextAgreed'),
      );
    case 'SignMoU':
      return act(
        `the signature of ${command.party}`,
        textSettled(record, 'SignatureBeforeTextAgreed'),
        lastRound(record, 'SignatureBeforeNegotiationRound'),
      );
    case 'RecordEntryIntoForce':
      return act(
        'entry into force',
        signatures(record, 'EntryIntoForceBeforeLastSignature'),
        textSettled(record, 'EntryIntoForceBeforeTextAgreed'),
      );
    case 'ExtendTerm':
      return act('extending the term', entryIntoForce(record));
    case 'GiveTerminationNotice':
      return act(`notice of termination by ${command.party}`, entryIntoForce(record));
    case 'RecordTermination':
      return act(
        'the termination',
        entryIntoForce(record),
        step(
          'notice of termination was given',
          record.terminationNotice?.givenOn,
          'TerminationBeforeNotice',
        ),
        step(
          'the notice of termination takes effect',
          record.terminationNotice?.effectiveOn,
          'TerminationBeforeEffectiveDate',
        ),
      );
    case 'RecordExpiry':
      return act(
        'the expiry',
        entryIntoForce(record),
        step('the term runs out', record.expiresOn, 'ExpiryDateNotReached'),
      );
    case 'WithdrawMoU':
      // Nothing follows a withdrawal, so every step recorded so far came before it.
      return act(
        'the withdrawal',
        lastRound(record, 'WithdrawnBeforeEarlierStep'),
        textSettled(record, 'WithdrawnBeforeEarlierStep'),
        signatures(record, 'WithdrawnBeforeEarlierStep'),
      );
    case 'DetermineLegalCharacter':
      return act('determining the legal character');
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};
