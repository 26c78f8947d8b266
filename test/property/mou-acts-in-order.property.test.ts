import { createHash } from 'node:crypto';
import { MoU, type MoUCommand } from '../../src/domain/mou';
import {
  checkDependentPairs,
  FAR_AHEAD,
  LONG_AGO,
  type DependentPair,
} from '../support/acts-in-order';

const mouId = 'mou-in-order';
const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

const propose = (on: string): MoUCommand => ({
  type: 'ProposeMoU',
  mouId,
  title: 'MoU on Police Training',
  subject: 'police training',
  parties: ['PK', 'BH'],
  proposedBy: 'BH',
  legalCharacter: 'undetermined',
  occurredOn: on,
});
const round = (n: number, on: string): MoUCommand => ({
  type: 'RecordNegotiationRound',
  mouId,
  round: n,
  venue: 'Manama',
  occurredOn: on,
});
const agree = (on: string, terms: { expiresOn?: string } = {}): MoUCommand => ({
  type: 'AgreeText',
  mouId,
  textVersion: 1,
  textDigest: digest('version 1'),
  ...terms,
  occurredOn: on,
});
const amend = (on: string): MoUCommand => ({
  type: 'AmendText',
  mouId,
  textVersion: 2,
  textDigest: digest('version 2'),
  summary: 'Article 2 reworded',
  occurredOn: on,
});
const sign = (party: 'PK' | 'BH', on: string): MoUCommand => ({
  type: 'SignMoU',
  mouId,
  party,
  signatory: { title: 'Minister of Interior', party },
  place: 'Islamabad',
  occurredOn: on,
});
const enterIntoForce = (on: string): MoUCommand => ({
  type: 'RecordEntryIntoForce',
  mouId,
  method: 'onDate',
  occurredOn: on,
});
const notice = (on: string, effectiveOn: string): MoUCommand => ({
  type: 'GiveTerminationNotice',
  mouId,
  party: 'PK',
  effectiveOn,
  occurredOn: on,
});
const terminate = (on: string): MoUCommand => ({
  type: 'RecordTermination',
  mouId,
  occurredOn: on,
});
const withdraw = (on: string): MoUCommand => ({
  type: 'WithdrawMoU',
  mouId,
  reason: 'talks broke down',
  occurredOn: on,
});

const old = LONG_AGO;
/** Proposed, agreed with a term to `expiresOn`, signed by both and in force on `inForceOn`. */
const inForce = (inForceOn: string, expiresOn?: string): MoUCommand[] => [
  propose(old),
  agree(old, expiresOn === undefined ? {} : { expiresOn }),
  sign('PK', old),
  sign('BH', old),
  enterIntoForce(inForceOn),
];

const pairs: readonly DependentPair<MoUCommand>[] = [
  {
    later: 'a negotiation round',
    earlier: 'the proposal',
    rule: 'DatedBeforeProposal',
    setup: (e) => [propose(e)],
    command: (l) => round(1, l),
  },
  {
    later: 'agreeing the text',
    earlier: 'the proposal',
    rule: 'DatedBeforeProposal',
    setup: (e) => [propose(e)],
    command: (l) => agree(l),
  },
  {
    // The text is agreed on the proposal's day, so the proposal is the first step missed.
    later: 'a signature',
    earlier: 'the proposal',
    rule: 'DatedBeforeProposal',
    setup: (e) => [propose(e), agree(e)],
    command: (l) => sign('PK', l),
  },
  {
    later: 'a withdrawal',
    earlier: 'the proposal',
    rule: 'DatedBeforeProposal',
    setup: (e) => [propose(e)],
    command: withdraw,
  },
  {
    later: 'a determination of the legal character',
    earlier: 'the proposal',
    rule: 'DatedBeforeProposal',
    setup: (e) => [propose(e)],
    command: (l) => ({
      type: 'DetermineLegalCharacter',
      mouId,
      legalCharacter: 'treaty',
      basis: 'a legal opinion',
      occurredOn: l,
    }),
  },
  {
    later: 'a negotiation round',
    earlier: 'the round before it',
    rule: 'NegotiationRoundBeforePreviousRound',
    setup: (e) => [propose(old), round(1, e)],
    command: (l) => round(2, l),
  },
  {
    later: 'an amendment',
    earlier: 'the text it amends',
    rule: 'AmendmentBeforeTextAgreed',
    setup: (e) => [propose(old), agree(e)],
    command: amend,
  },
  {
    later: 'a signature',
    earlier: 'the text agreed',
    rule: 'SignatureBeforeTextAgreed',
    setup: (e) => [propose(old), agree(e)],
    command: (l) => sign('PK', l),
  },
  {
    later: 'a signature',
    earlier: 'the last text amendment',
    rule: 'SignatureBeforeTextAgreed',
    setup: (e) => [propose(old), agree(old), amend(e)],
    command: (l) => sign('BH', l),
  },
  {
    later: 'a signature',
    earlier: 'the last negotiation round',
    rule: 'SignatureBeforeNegotiationRound',
    setup: (e) => [propose(old), agree(old), round(1, e)],
    command: (l) => sign('PK', l),
  },
  {
    later: 'entry into force',
    earlier: 'a signature',
    rule: 'EntryIntoForceBeforeLastSignature',
    setup: (e) => [propose(old), agree(old), sign('BH', old), sign('PK', e)],
    command: enterIntoForce,
  },
  {
    later: 'a term extension',
    earlier: 'entry into force',
    rule: 'DatedBeforeEntryIntoForce',
    setup: (e) => inForce(e, '2090'),
    command: (l) => ({ type: 'ExtendTerm', mouId, newExpiresOn: FAR_AHEAD, occurredOn: l }),
  },
  {
    later: 'a termination notice',
    earlier: 'entry into force',
    rule: 'DatedBeforeEntryIntoForce',
    setup: (e) => inForce(e),
    command: (l) => notice(l, FAR_AHEAD),
  },
  {
    later: 'an expiry',
    earlier: 'entry into force',
    rule: 'DatedBeforeEntryIntoForce',
    // The term ends the day it starts, so entry into force is the first step missed.
    setup: (e) => inForce(e, e),
    command: (l) => ({ type: 'RecordExpiry', mouId, occurredOn: l }),
  },
  {
    // Without a notice period the notice may take effect on its own day.
    later: 'a termination',
    earlier: 'the notice of termination',
    rule: 'TerminationBeforeNotice',
    setup: (e) => [...inForce(old), notice(e, e)],
    command: terminate,
  },
  {
    later: 'a termination',
    earlier: 'the day the notice takes effect',
    rule: 'TerminationBeforeEffectiveDate',
    setup: (e) => [...inForce(old), notice(old, e)],
    command: terminate,
  },
  {
    later: 'an expiry',
    earlier: 'the end of the term',
    rule: 'ExpiryDateNotReached',
    setup: (e) => inForce(old, e),
    command: (l) => ({ type: 'RecordExpiry', mouId, occurredOn: l }),
  },
  {
    later: 'a withdrawal',
    earlier: 'a signature',
    rule: 'WithdrawnBeforeEarlierStep',
    setup: (e) => [propose(old), agree(old), sign('PK', e)],
    command: withdraw,
  },
  {
    later: 'a withdrawal',
    earlier: 'a negotiation round',
    rule: 'WithdrawnBeforeEarlierStep',
    setup: (e) => [propose(old), round(1, e)],
    command: withdraw,
  },
];

describe('MoU: no step dated certainly before a step it depends on', () => {
  checkDependentPairs(MoU, pairs);
});
