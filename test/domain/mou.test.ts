import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { handleCommand, loadState } from '../../src/kernel/command-handler';
import type { EventStore } from '../../src/kernel/event-store';
import { MoU, partiesYetToSign } from '../../src/domain/mou';
import type { MoUCommand, MoURule, MoUState } from '../../src/domain/mou';
import { createInMemoryEventStore } from '../../src/store/in-memory-event-store';
import { commandSpecification } from '../../src/testing';
import { context, recordingIn2040, snapshot } from '../support/context';

const mouId = 'mou-pk-bh-extradition';
const streamId = `MoU-${mouId}`;
const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

const propose = {
  type: 'ProposeMoU',
  mouId,
  title: 'Memorandum of Understanding on Extradition',
  subject: 'extradition',
  parties: ['PK', 'BH'],
  proposedBy: 'PK',
  legalCharacter: 'undetermined',
  occurredOn: '2025-09-10',
} satisfies MoUCommand;
const round1 = {
  type: 'RecordNegotiationRound',
  mouId,
  round: 1,
  venue: 'Ministry of Interior, Islamabad',
  occurredOn: '2025-10',
} satisfies MoUCommand;
const round2 = {
  ...round1,
  round: 2,
  venue: 'Manama',
  occurredOn: '2025-11-20',
} satisfies MoUCommand;
const agree = {
  type: 'AgreeText',
  mouId,
  textVersion: 1,
  textDigest: digest('text, version 1'),
  noticePeriodDays: 90,
  expiresOn: '2030-12-31',
  occurredOn: '2025-12-01',
} satisfies MoUCommand;
const agreeWithoutTerms: MoUCommand = {
  type: 'AgreeText',
  mouId,
  textVersion: 1,
  textDigest: digest('text, version 1'),
  occurredOn: '2025-12-01',
};
const amend = {
  type: 'AmendText',
  mouId,
  textVersion: 2,
  textDigest: digest('text, version 2'),
  summary: 'Article 4 names the central authorities',
  noticePeriodDays: 90,
  expiresOn: '2030-12-31',
  occurredOn: '2025-12-15',
} satisfies MoUCommand;
const pkMinister = { title: 'Federal Minister for Interior', party: 'PK' };
const bhMinister = { title: 'Minister of Interior', party: 'BH' };
const signPK = {
  type: 'SignMoU',
  mouId,
  party: 'PK',
  signatory: pkMinister,
  place: 'Islamabad',
  occurredOn: '2026-01-15',
} satisfies MoUCommand;
const signBH = { ...signPK, party: 'BH', signatory: bhMinister } satisfies MoUCommand;
const enterIntoForce = {
  type: 'RecordEntryIntoForce',
  mouId,
  method: 'onSignature',
  occurredOn: '2026-01-15',
} satisfies MoUCommand;
const extend = {
  type: 'ExtendTerm',
  mouId,
  newExpiresOn: '2035-12-31',
  occurredOn: '2030-06-01',
} satisfies MoUCommand;
const notice = {
  type: 'GiveTerminationNotice',
  mouId,
  party: 'BH',
  effectiveOn: '2031-06-30',
  occurredOn: '2031-01-10',
} satisfies MoUCommand;
const terminate = {
  type: 'RecordTermination',
  mouId,
  occurredOn: '2031-06-30',
} satisfies MoUCommand;
const expire = { type: 'RecordExpiry', mouId, occurredOn: '2031-01' } satisfies MoUCommand;
const withdraw = {
  type: 'WithdrawMoU',
  mouId,
  reason: 'superseded by a treaty on mutual legal assistance',
  occurredOn: '2025-11',
} satisfies MoUCommand;

const agreed: readonly MoUCommand[] = [propose, agree];
const signed: readonly MoUCommand[] = [...agreed, signPK, signBH];
const inForce: readonly MoUCommand[] = [...signed, enterIntoForce];
const inForceWithoutExpiry: readonly MoUCommand[] = [
  propose,
  agreeWithoutTerms,
  signPK,
  signBH,
  enterIntoForce,
];

/** Runs commands that must all be accepted; returns the state after the last one. */
const given = async (store: EventStore, commands: readonly MoUCommand[]): Promise<MoUState> => {
  let state: MoUState = MoU.initialState;
  for (const command of commands) {
    const result = await handleCommand(store, MoU, command, context());
    if (E.isLeft(result)) throw new Error(`${command.type} refused: ${result.left.message}`);
    state = result.right.state;
  }
  return state;
};

const stateIn = async (store: EventStore): Promise<MoUState> => {
  const loaded = await loadState(store, MoU, mouId);
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  return loaded.right.state;
};

const eventTypes = async (store: EventStore): Promise<unknown[]> =>
  (await snapshot(store, streamId)).map((e) => (e as { type: string }).type);

describe('MoU', () => {
  it('records the whole life of an MoU, from proposal to termination on notice', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    await given(store, [propose, round1, round2, agree, amend, signPK, signBH, enterIntoForce]);
    const mid = await stateIn(store);
    if (mid.status === 'unproposed') throw new Error('expected a proposed MoU');
    expect(mid.status).toBe('inForce');
    expect(mid.text).toEqual({
      version: 2,
      digest: amend.textDigest,
      settledOn: '2025-12-15',
      noticePeriodDays: 90,
      expiresOn: '2030-12-31',
      amendmentSummary: amend.summary,
    });
    expect(mid.signatures.map((s) => s.party)).toEqual(['PK', 'BH']);
    expect(mid.enteredIntoForceOn).toBe('2026-01-15');

    const final = await given(store, [extend, notice, terminate]);
    expect(final).toEqual(await stateIn(store));
    expect(final).toEqual({
      status: 'terminated',
      mouId,
      title: propose.title,
      subject: 'extradition',
      parties: ['PK', 'BH'],
      proposedBy: 'PK',
      proposedOn: '2025-09-10',
      legalCharacter: 'undetermined',
      rounds: [
        { round: 1, venue: 'Ministry of Interior, Islamabad', heldOn: '2025-10' },
        { round: 2, venue: 'Manama', heldOn: '2025-11-20' },
      ],
      text: mid.text,
      signatures: [
        { party: 'PK', signatory: pkMinister, place: 'Islamabad', signedOn: '2026-01-15' },
        { party: 'BH', signatory: bhMinister, place: 'Islamabad', signedOn: '2026-01-15' },
      ],
      enteredIntoForceOn: '2026-01-15',
      entryIntoForceMethod: 'onSignature',
      expiresOn: '2035-12-31',
      terminationNotice: { party: 'BH', givenOn: '2031-01-10', effectiveOn: '2031-06-30' },
      closedOn: '2031-06-30',
    });
    expect(await eventTypes(store)).toEqual([
      'MoUProposed',
      'MoUNegotiationRoundHeld',
      'MoUNegotiationRoundHeld',
      'MoUTextAgreed',
      'MoUTextAmended',
      'MoUSigned',
      'MoUSigned',
      'MoUEnteredIntoForce',
      'MoUTermExtended',
      'MoUTerminationNoticeGiven',
      'MoUTerminated',
    ]);
  });

  it('moves through the statuses a read model shows, with who has yet to sign', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const seen: string[] = [];
    const yetToSign: string[][] = [];
    for (const command of [propose, round1, agree, signBH, signPK, enterIntoForce, notice]) {
      const state = await given(store, [command]);
      seen.push(state.status);
      if (state.status !== 'unproposed') yetToSign.push([...partiesYetToSign(state)]);
    }
    expect(seen).toEqual([
      'proposed',
      'negotiating',
      'textAgreed',
      'partlySigned',
      'signed',
      'inForce',
      'terminationNoticeGiven',
    ]);
    expect(yetToSign).toEqual([['PK', 'BH'], ['PK', 'BH'], ['PK', 'BH'], ['PK'], [], [], []]);
  });

  it('records a proposal made jointly, and refuses one by a third state', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const state = await given(store, [{ ...propose, proposedBy: 'jointly' }]);
    expect(state.status !== 'unproposed' && state.proposedBy).toBe('jointly');
    const other = createInMemoryEventStore({ now: recordingIn2040 });
    const refused = await handleCommand(other, MoU, { ...propose, proposedBy: 'IN' }, context());
    expect(E.isLeft(refused) && refused.left.message).toContain("or 'jointly'");
  });

  it('records an expiry once the expiry date may have been reached', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const state = await given(store, [...inForce, { ...expire, occurredOn: '2030-12' }]);
    expect(state.status).toBe('expired');
    expect(state.status !== 'unproposed' && state.closedOn).toBe('2030-12');
  });

  it('records a withdrawal before entry into force, with the party that withdrew', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const state = await given(store, [
      ...agreed,
      signPK,
      { ...withdraw, byParty: 'BH', occurredOn: '2026-02' },
    ]);
    expect(state.status).toBe('withdrawn');
    expect(state.status !== 'unproposed' && state.withdrawal).toEqual({
      reason: withdraw.reason,
      byParty: 'BH',
    });
  });

  it('keeps the legal character as data that a later determination can change', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const state = await given(store, [
      { ...propose, legalCharacter: 'nonBinding' },
      {
        type: 'DetermineLegalCharacter',
        mouId,
        legalCharacter: 'treaty',
        basis: 'registered with the UN Secretariat under Article 102 of the Charter',
        occurredOn: '2026-03',
      },
    ]);
    expect(state.status !== 'unproposed' && state.legalCharacter).toBe('treaty');
    expect(state.status !== 'unproposed' && state.legalCharacterDetermination).toEqual({
      basis: 'registered with the UN Secretariat under Article 102 of the Charter',
      determinedOn: '2026-03',
    });
  });

  it('accepts a termination effective exactly when the notice period ends', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    // 2031-01-01 plus 90 days is 2031-04-01.
    const state = await given(store, [
      ...inForce,
      { ...notice, occurredOn: '2031-01-01', effectiveOn: '2031-04-01' },
      { ...terminate, occurredOn: '2031-04-01' },
    ]);
    expect(state.status).toBe('terminated');
  });

  it('gives imprecise dates the benefit of the doubt', async () => {
    const store = createInMemoryEventStore({ now: recordingIn2040 });
    const state = await given(store, [
      propose,
      { ...agree, occurredOn: '2025-12' },
      // 2025-12 may be 2025-12-31, so neither signature is certainly before the text.
      { ...signPK, occurredOn: '2025-12-01' },
      { ...signBH, occurredOn: '2026' },
      { ...enterIntoForce, method: 'onDate', occurredOn: '2026' },
      // Notice in 2031 may have been given on 2031-01-01, and 2031-04 may be 2031-04-30.
      { ...notice, occurredOn: '2031', effectiveOn: '2031-04' },
      { ...terminate, occurredOn: '2031' },
    ]);
    expect(state.status).toBe('terminated');
  });

  const refusals: readonly (readonly [MoURule, readonly MoUCommand[], MoUCommand])[] = [
    ['MoUNotProposed', [], signPK],
    ['MoUNotProposed', [], round1],
    ['MoUAlreadyProposed', [propose], propose],
    ['MoUAlreadyProposed', [propose, withdraw], propose],
    ['PartiesMustDiffer', [], { ...propose, parties: ['PK', 'PK'] }],
    ['ProposerMustBeAParty', [], { ...propose, proposedBy: 'IN' }],
    ['MoUIsClosed', [propose, withdraw], round1],
    ['MoUIsClosed', [...inForce, notice, terminate], extend],
    ['MoUIsClosed', [...inForce, expire], { ...notice, occurredOn: '2031-02' }],
    [
      'MoUIsClosed',
      [propose, withdraw],
      {
        type: 'DetermineLegalCharacter',
        mouId,
        legalCharacter: 'treaty',
        basis: 'a court ruling',
        occurredOn: '2026',
      },
    ],
    ['NegotiationRoundsMustIncrease', [propose, round1, round2], round1],
    ['NegotiationRoundsMustIncrease', [propose, round1, round2], { ...round2, venue: 'Lahore' }],
    ['NegotiationAfterSignature', [...agreed, signPK], { ...round1, round: 3 }],
    ['TextAlreadyAgreed', agreed, { ...agree, textVersion: 2 }],
    ['TextAlreadyAgreed', inForce, agree],
    ['AmendmentBeforeTextAgreed', [propose, round1], amend],
    ['AmendmentAfterSignature', [...agreed, signBH], amend],
    ['TextVersionMustIncrease', agreed, { ...amend, textVersion: 1 }],
    ['AmendedTextUnchanged', agreed, { ...amend, textDigest: agree.textDigest }],
    ['SignatureBeforeTextAgreed', [propose, round1], signPK],
    ['SignatureBeforeTextAgreed', agreed, { ...signPK, occurredOn: '2025-11' }],
    [
      'SigningPartyMustBeAParty',
      agreed,
      { ...signPK, party: 'IN', signatory: { title: 'Home Minister', party: 'IN' } },
    ],
    ['SignatoryMustActForSigningParty', agreed, { ...signPK, signatory: bhMinister }],
    ['PartyAlreadySigned', [...agreed, signPK], { ...signPK, occurredOn: '2026-02' }],
    ['PartyAlreadySigned', inForce, signBH],
    ['EntryIntoForceNeedsBothSignatures', [...agreed, signPK], enterIntoForce],
    ['EntryIntoForceNeedsBothSignatures', agreed, { ...enterIntoForce, method: 'onDate' }],
    [
      'EntryIntoForceBeforeLastSignature',
      [...agreed, signPK, { ...signBH, occurredOn: '2026-02-01' }],
      { ...enterIntoForce, method: 'onDate', occurredOn: '2026-01-20' },
    ],
    ['EntryOnSignatureAfterLastSignature', signed, { ...enterIntoForce, occurredOn: '2026-03' }],
    [
      'EntryIntoForceAfterExpiry',
      [propose, { ...agree, expiresOn: '2026-01-31' }, signPK, signBH],
      { ...enterIntoForce, method: 'onNotification', occurredOn: '2026-03' },
    ],
    ['MoUAlreadyInForce', inForce, { ...enterIntoForce, occurredOn: '2026-02' }],
    ['MoUNotInForce', signed, extend],
    ['MoUNotInForce', agreed, notice],
    ['MoUNotInForce', signed, terminate],
    ['MoUNotInForce', [...agreed, signPK], expire],
    ['NoTermToExtend', inForceWithoutExpiry, extend],
    ['ExtensionMustBeLater', inForce, { ...extend, newExpiresOn: '2030-06-30' }],
    // 2030 could mean 2030-12-31, the current expiry itself: not certainly later.
    ['ExtensionMustBeLater', inForce, { ...extend, newExpiresOn: '2030' }],
    ['NoticeGiverMustBeAParty', inForce, { ...notice, party: 'IN' }],
    ['TerminationNoticeAlreadyGiven', [...inForce, notice], { ...notice, party: 'PK' }],
    // Even on its earliest reading, 2031-01 plus 90 days is 2031-04-01.
    [
      'NoticePeriodNotRespected',
      inForce,
      { ...notice, occurredOn: '2031-01', effectiveOn: '2031-03' },
    ],
    [
      'NoticePeriodNotRespected',
      inForce,
      { ...notice, occurredOn: '2031-01-01', effectiveOn: '2031-03-31' },
    ],
    [
      'NoticePeriodNotRespected',
      inForceWithoutExpiry,
      { ...notice, occurredOn: '2031-01-10', effectiveOn: '2031-01-09' },
    ],
    ['TerminationWithoutNotice', inForce, terminate],
    [
      'TerminationBeforeEffectiveDate',
      [...inForce, notice],
      { ...terminate, occurredOn: '2031-05' },
    ],
    ['NoExpiryDate', inForceWithoutExpiry, expire],
    ['ExpiryDateNotReached', inForce, { ...expire, occurredOn: '2030-11' }],
    ['WithdrawalAfterEntryIntoForce', inForce, withdraw],
    ['WithdrawalAfterEntryIntoForce', [...inForce, notice], withdraw],
    ['WithdrawingPartyMustBeAParty', [propose], { ...withdraw, byParty: 'IN' }],
    // Every step comes after the proposal (2025-09-10), whatever it is.
    ['DatedBeforeProposal', [propose], { ...agree, occurredOn: '2025-08' }],
    ['DatedBeforeProposal', [propose], { ...round1, occurredOn: '2025-09-09' }],
    ['DatedBeforeProposal', [propose, agree], { ...amend, occurredOn: '2024' }],
    ['DatedBeforeProposal', [propose], { ...withdraw, occurredOn: '2025-09-01' }],
    [
      'DatedBeforeProposal',
      [propose, { ...agree, occurredOn: '2025' }],
      { ...signPK, occurredOn: '2025-08-31' },
    ],
    [
      'DatedBeforeProposal',
      [propose],
      {
        type: 'DetermineLegalCharacter',
        mouId,
        legalCharacter: 'treaty',
        basis: 'a legal opinion',
        occurredOn: '2025-07',
      },
    ],
    [
      'NegotiationRoundBeforePreviousRound',
      [propose, round1, round2],
      { ...round2, round: 3, occurredOn: '2025-11-19' },
    ],
    ['AmendmentBeforeTextAgreed', agreed, { ...amend, occurredOn: '2025-11-30' }],
    [
      'SignatureBeforeNegotiationRound',
      [propose, round1, agree, { ...round2, occurredOn: '2026-01-20' }],
      signPK,
    ],
    [
      'EntryIntoForceBeforeTextAgreed',
      [
        propose,
        { ...agree, occurredOn: '2025-12-20' },
        { ...signPK, occurredOn: '2025-12' },
        { ...signBH, occurredOn: '2025-12' },
      ],
      { ...enterIntoForce, method: 'onDate', occurredOn: '2025-12-10' },
    ],
    ['DatedBeforeEntryIntoForce', inForce, { ...extend, occurredOn: '2026-01-14' }],
    [
      'DatedBeforeEntryIntoForce',
      inForce,
      { ...notice, occurredOn: '2025-12', effectiveOn: '2031-06-30' },
    ],
    [
      'DatedBeforeEntryIntoForce',
      [...inForce, { ...notice, occurredOn: '2026-01', effectiveOn: '2026-06' }],
      { ...terminate, occurredOn: '2026-01-10' },
    ],
    [
      'DatedBeforeEntryIntoForce',
      [propose, { ...agree, expiresOn: '2026-01' }, signPK, signBH, enterIntoForce],
      { ...expire, occurredOn: '2026-01-10' },
    ],
    [
      'TerminationBeforeNotice',
      // Without a notice period, 2031-01 may be on or after 2031-01-20; the termination is not.
      [...inForceWithoutExpiry, { ...notice, occurredOn: '2031-01-20', effectiveOn: '2031-01' }],
      { ...terminate, occurredOn: '2031-01-10' },
    ],
    ['WithdrawnBeforeEarlierStep', [...agreed, signPK], { ...withdraw, occurredOn: '2026-01-14' }],
    ['WithdrawnBeforeEarlierStep', agreed, { ...withdraw, occurredOn: '2025-11' }],
    ['WithdrawnBeforeEarlierStep', [propose, round1], { ...withdraw, occurredOn: '2025-09-30' }],
  ];

  // Each refusal through the whole command handler: refused by the rule named, with an
  // explanation (not a bare code), and the stream left exactly as it was.
  const mou = commandSpecification(MoU, {
    recordedBy: context(),
    store: () => createInMemoryEventStore({ now: recordingIn2040 }),
  });
  it.each(refusals)(
    'refuses %s and leaves the stream as it was',
    async (rule, history, command) => {
      await mou.given(history).when(command).thenRefused(rule, /.{21}/);
    },
  );

  it('has a refusal test for every rule it names', () => {
    // A record over every rule: adding a rule without listing it here does not compile.
    const everyRule: Record<MoURule, true> = {
      MoUNotProposed: true,
      MoUAlreadyProposed: true,
      PartiesMustDiffer: true,
      ProposerMustBeAParty: true,
      MoUIsClosed: true,
      DatedBeforeProposal: true,
      NegotiationRoundBeforePreviousRound: true,
      SignatureBeforeNegotiationRound: true,
      EntryIntoForceBeforeTextAgreed: true,
      DatedBeforeEntryIntoForce: true,
      TerminationBeforeNotice: true,
      WithdrawnBeforeEarlierStep: true,
      NegotiationRoundsMustIncrease: true,
      NegotiationAfterSignature: true,
      TextAlreadyAgreed: true,
      AmendmentBeforeTextAgreed: true,
      AmendmentAfterSignature: true,
      TextVersionMustIncrease: true,
      AmendedTextUnchanged: true,
      SignatureBeforeTextAgreed: true,
      SigningPartyMustBeAParty: true,
      SignatoryMustActForSigningParty: true,
      PartyAlreadySigned: true,
      EntryIntoForceNeedsBothSignatures: true,
      EntryIntoForceBeforeLastSignature: true,
      EntryOnSignatureAfterLastSignature: true,
      EntryIntoForceAfterExpiry: true,
      MoUAlreadyInForce: true,
      MoUNotInForce: true,
      NoTermToExtend: true,
      ExtensionMustBeLater: true,
      NoticeGiverMustBeAParty: true,
      TerminationNoticeAlreadyGiven: true,
      NoticePeriodNotRespected: true,
      TerminationWithoutNotice: true,
      TerminationBeforeEffectiveDate: true,
      NoExpiryDate: true,
      ExpiryDateNotReached: true,
      WithdrawalAfterEntryIntoForce: true,
      WithdrawingPartyMustBeAParty: true,
    };
    expect(new Set(refusals.map(([rule]) => rule))).toEqual(new Set(Object.keys(everyRule)));
  });

  it('leaves a closed MoU exactly as it was, whatever is asked of it', async () => {
    for (const closing of [
      [propose, withdraw],
      [...inForce, notice, terminate],
      [...inForce, expire],
    ]) {
      const store = createInMemoryEventStore({ now: recordingIn2040 });
      const closed = await given(store, closing);
      const before = await snapshot(store, streamId);
      for (const command of [
        round1,
        agree,
        amend,
        signPK,
        enterIntoForce,
        extend,
        notice,
        terminate,
        expire,
        withdraw,
      ]) {
        const result = await handleCommand(store, MoU, command, context());
        expect(E.isLeft(result) && result.left.kind === 'RuleViolated' && result.left.rule).toBe(
          'MoUIsClosed',
        );
      }
      expect(await snapshot(store, streamId)).toEqual(before);
      expect(await stateIn(store)).toEqual(closed);
    }
  });

  /** A command with fields its type forbids, as a caller without the types could send it. */
  const malformed = (command: MoUCommand, patch: Record<string, unknown>): MoUCommand =>
    Object.assign({}, command, patch);

  it.each([
    [
      'a party code not in ISO 3166-1',
      [],
      propose,
      { parties: ['PK', 'XX'] },
      'ProposeMoU.parties.1',
    ],
    ['a proposer code in lower case', [], propose, { proposedBy: 'pk' }, 'ProposeMoU.proposedBy'],
    ['an empty title', [], propose, { title: '   ' }, 'ProposeMoU.title'],
    [
      'a day that does not exist',
      agreed,
      signPK,
      { occurredOn: '2025-02-30' },
      'SignMoU.occurredOn',
    ],
    [
      'a signatory of an unknown state',
      agreed,
      signPK,
      { signatory: { title: 'Minister', party: 'ZZ' } },
      'SignMoU.signatory.party',
    ],
    [
      'a digest that is not SHA-256',
      [propose],
      agree,
      { textDigest: 'abc123' },
      'AgreeText.textDigest',
    ],
    [
      'a notice period of zero days',
      [propose],
      agree,
      { noticePeriodDays: 0 },
      'AgreeText.noticePeriodDays',
    ],
    [
      'an unknown entry-into-force method',
      signed,
      enterIntoForce,
      { method: 'onRatification' },
      'RecordEntryIntoForce.method',
    ],
    [
      'a malformed expiry date',
      inForce,
      extend,
      { newExpiresOn: '2035-13' },
      'ExtendTerm.newExpiresOn',
    ],
    [
      'a determination that leaves the character undetermined',
      [propose],
      {
        type: 'DetermineLegalCharacter',
        mouId,
        legalCharacter: 'treaty',
        basis: 'a legal opinion',
        occurredOn: '2026',
      },
      { legalCharacter: 'undetermined' },
      'DetermineLegalCharacter.legalCharacter',
    ],
  ] satisfies [string, readonly MoUCommand[], MoUCommand, Record<string, unknown>, string][])(
    'refuses %s as an invalid command naming the path, and appends nothing',
    async (_what, history, command, patch, path) => {
      const store = createInMemoryEventStore({ now: recordingIn2040 });
      await given(store, history);
      const before = await snapshot(store, streamId);
      const result = await handleCommand(store, MoU, malformed(command, patch), context());
      expect(E.isLeft(result) && result.left.kind).toBe('InvalidCommand');
      if (E.isLeft(result) && result.left.kind === 'InvalidCommand') {
        expect(result.left.issues.map((i) => i.path)).toEqual([path]);
        expect(result.left.message).toContain(path);
      }
      expect(await snapshot(store, streamId)).toEqual(before);
    },
  );
});
