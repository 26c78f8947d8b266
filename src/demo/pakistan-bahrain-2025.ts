/**
 * The worked case: Pakistan and Bahrain, Islamabad, 10 September 2025, as the news report of that
 * day tells it (UrduPoint / Pakistan Point News). The meeting and who attended, what was agreed,
 * decided and welcomed, two sourced facts, the Joint Working Group on six sectors, three proposed
 * MoUs and Bahrain's drug liaison posting. Nothing was signed that day.
 *
 * Command ids are derived from fixed names, so recording the case again on a durable store
 * writes nothing twice.
 */
import * as E from 'fp-ts/Either';
import { v5 as uuidv5 } from 'uuid';
import { BilateralMeeting } from '../domain/bilateral-meeting';
import { DrugLiaisonPosting } from '../domain/drug-liaison-posting';
import { JointWorkingGroup } from '../domain/joint-working-group';
import { MoU } from '../domain/mou';
import type { Party } from '../domain/shared/party';
import type { Aggregate } from '../kernel/aggregate';
import { handleCommand } from '../kernel/command-handler';
import type { DomainEvent } from '../kernel/event';
import type { EventStore } from '../kernel/event-store';
import { isStoreError } from '../kernel/store-errors';
import type { CommandContext } from '../kernel/recorded-event';
import type { Source } from '../kernel/source';

/** The namespace the case derives its ids from (any fixed UUID would do). */
const EXAMPLE_NAMESPACE = 'a3d4c1f0-6b8e-4f4a-9c2d-7e5b3a1f9d60';
const idFor = (name: string): string => uuidv5(name, EXAMPLE_NAMESPACE);

const report: Source = {
  kind: 'newsReport',
  reference: 'UrduPoint / Pakistan Point News, 10 Sep 2025',
  publisher: 'UrduPoint / Pakistan Point News',
  publishedOn: '2025-09-10',
};

const meetingId = 'pk-bh-interior-ministers-2025-09-10';
const day = '2025-09-10';
export const pakistanBahrainParties: [Party, Party] = ['PK', 'BH'];
const parties = pakistanBahrainParties;

/** Who records, for whom and why; one correlation id ties the whole meeting together. */
const contextFor = (step: string, onBehalfOf: Party, reason: string): CommandContext => ({
  commandId: idFor(`${meetingId}/${step}`),
  correlationId: idFor(meetingId),
  actor: 'registrar@example.org',
  onBehalfOf,
  reason,
  source: report,
});

const record = async <
  C extends { readonly type: string },
  Ev extends DomainEvent,
  S,
  R extends string,
>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, R>,
  command: C,
  context: CommandContext,
): Promise<void> => {
  const result = await handleCommand(store, aggregate, command, context);
  if (E.isLeft(result)) throw new Error(`${command.type} refused: ${result.left.message}`);
};

const mous = [
  { id: 'pk-bh-extradition', title: 'MoU on Extradition', subject: 'extradition' },
  {
    id: 'pk-bh-mutual-legal-assistance',
    title: 'MoU on Mutual Legal Assistance',
    subject: 'mutual legal assistance',
  },
  {
    id: 'pk-bh-specialised-battalion-training',
    title: 'MoU on Specialised Battalion Training',
    subject: 'specialised battalion training',
  },
] as const;

const jwgId = 'pk-bh-interior-jwg';

/**
 * The data subjects the case names: ids of the record's own, random, never derived from a name
 * (they outlive an erasure).
 */
export const SUBJECTS = {
  pkInteriorMinister: 'person:6f0d2c4e-61a7-4b8e-9a37-5c1e0b7d2f90',
  pkMinisterOfState: 'person:1b9e7a53-0c2d-4f6a-8e14-7d3a9c5b2e61',
  bhInteriorMinister: 'person:c3a85e19-4d7b-4e20-b6f1-2a9d0e8c7b34',
} as const;
const postingId = 'bh-dlo-islamabad';

/** The case's last act: once it is recorded, so is the whole case (they are recorded in order). */
const lastStep = { streamId: `DrugLiaisonPosting-${postingId}`, step: 'posting' } as const;

/** Whether the store holds the case whole: the first event of its last act's stream is the case's. */
const isRecorded = async (store: EventStore): Promise<boolean> => {
  try {
    for await (const event of store.readStream(lastStep.streamId, { maxCount: 1 }))
      return (
        (JSON.parse(event.metadata) as { causationId?: unknown }).causationId ===
        idFor(`${meetingId}/${lastStep.step}`)
      );
  } catch (error) {
    if (!isStoreError(error, 'StreamNotFound')) throw error;
  }
  return false;
};

/**
 * Records everything the report of 10 September 2025 says happened. A refusal would mean the
 * library's rules and the case disagree, so it is thrown, not returned. A store that holds the
 * case whole already is left as it is: its commands again would write nothing, but one that names
 * a person erased since, or one recorded with names and now without a key store to seal them (or
 * the other way round), would be refused.
 */
export const recordPakistanBahrain2025 = async (store: EventStore): Promise<void> => {
  if (await isRecorded(store)) return;
  // Names are personal data: sealed under their holders' keys when the store has a key store,
  // and left out (the posts alone recorded) when it has none.
  const named = (holder: string, holderId: string) =>
    store.keys === undefined ? {} : { holder, holderId };
  const pk = (title: string, holder?: { holder: string; holderId: string }) => ({
    title,
    party: 'PK',
    ...(holder === undefined ? {} : named(holder.holder, holder.holderId)),
  });
  await record(
    store,
    BilateralMeeting,
    {
      type: 'RecordBilateralMeeting',
      meetingId,
      title: "Bahraini Interior Minister's visit to Pakistan's Ministry of Interior",
      parties,
      hostParty: 'PK',
      venue: 'Ministry of Interior, Islamabad',
      occurredOn: day,
      delegations: [
        {
          party: 'PK',
          head: pk('Federal Minister for Interior', {
            holder: 'Mohsin Naqvi',
            holderId: SUBJECTS.pkInteriorMinister,
          }),
          members: [
            pk('Minister of State for Interior', {
              holder: 'Talal Chaudhry',
              holderId: SUBJECTS.pkMinisterOfState,
            }),
            pk('Senior officials, Ministry of Interior'),
            pk('Director General, Anti-Narcotics Force'),
            pk('Commandant, National Police Academy'),
            pk('Chief Commissioner, Islamabad'),
            pk('Inspector General of Police, Islamabad'),
          ],
        },
        {
          party: 'BH',
          head: {
            title: 'Minister of Interior',
            party: 'BH',
            ...named('Lt Gen Rashid bin Abdullah Al Khalifa', SUBJECTS.bhInteriorMinister),
          },
        },
      ],
    },
    contextFor('meeting', 'PK', 'high-level and delegation-level talks as reported'),
  );

  const outcome = (
    outcomeId: string,
    kind: 'agreed' | 'decided' | 'welcomed',
    summary: string,
    leadsTo: { aggregate: 'JointWorkingGroup' | 'MoU' | 'DrugLiaisonPosting'; id: string }[],
    byParty?: Party,
  ) =>
    record(
      store,
      BilateralMeeting,
      {
        type: 'RecordMeetingOutcome',
        meetingId,
        outcomeId,
        kind,
        summary,
        occurredOn: day,
        leadsTo,
        ...(byParty === undefined ? {} : { byParty }),
      },
      contextFor(`outcome/${outcomeId}`, 'PK', 'outcome of the talks as reported'),
    );
  await outcome('jwg-agreed', 'agreed', 'to establish a Joint Working Group', [
    { aggregate: 'JointWorkingGroup', id: jwgId },
  ]);
  await outcome(
    'mous-decided',
    'decided',
    'to sign MoUs on extradition, mutual legal assistance and specialised battalion training',
    mous.map((m) => ({ aggregate: 'MoU' as const, id: m.id })),
  );
  await outcome(
    'dlo-welcomed',
    'welcomed',
    "Bahrain's move to appoint a Drug Liaison Officer at its embassy in Islamabad",
    [{ aggregate: 'DrugLiaisonPosting', id: postingId }],
    'PK',
  );

  const minister = pk('Federal Minister for Interior', {
    holder: 'Mohsin Naqvi',
    holderId: SUBJECTS.pkInteriorMinister,
  });
  for (const [factId, statement] of [
    [
      'anf-record-recovery',
      "Pakistan's Anti-Narcotics Force achieved a record $146 million recovery",
    ],
    ['pakistanis-in-bahrain', 'Over 120,000 Pakistanis live in Bahrain'],
  ] as const)
    await record(
      store,
      BilateralMeeting,
      {
        type: 'NoteSourcedFact',
        meetingId,
        factId,
        statement,
        statedBy: minister,
        occurredOn: day,
      },
      contextFor(`fact/${factId}`, 'PK', 'context stated at the talks, kept with its source'),
    );

  await record(
    store,
    JointWorkingGroup,
    {
      type: 'EstablishJointWorkingGroup',
      jwgId,
      name: 'Pakistan–Bahrain Joint Working Group',
      parties,
      sectors: [
        'counterNarcotics',
        'counterTerrorism',
        'coastGuardOperations',
        'borderSecurity',
        'immigration',
        'policeTraining',
      ],
      occurredOn: day,
    },
    contextFor('jwg', 'PK', 'the ministers agreed to establish the group'),
  );

  for (const mou of mous)
    await record(
      store,
      MoU,
      {
        type: 'ProposeMoU',
        mouId: mou.id,
        title: mou.title,
        subject: mou.subject,
        parties,
        proposedBy: 'jointly',
        // The report does not say whether these will bind the parties; it is settled later.
        legalCharacter: 'undetermined',
        occurredOn: day,
      },
      contextFor(`mou/${mou.id}`, 'PK', 'both sides decided to sign this MoU'),
    );

  await record(
    store,
    DrugLiaisonPosting,
    {
      type: 'AnnouncePosting',
      postingId,
      sendingState: 'BH',
      hostState: 'PK',
      mission: 'Embassy of the Kingdom of Bahrain, Islamabad',
      // Vienna Convention on Diplomatic Relations, art. 7: the sending state freely appoints its
      // staff; art. 10: it notifies the host. No prior approval is reported here.
      hostApprovalRequired: false,
      occurredOn: day,
    },
    contextFor(
      lastStep.step,
      'BH',
      "Bahrain's move to appoint a Drug Liaison Officer, as reported",
    ),
  );
};
