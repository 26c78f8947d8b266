import * as E from 'fp-ts/Either';
import {
  DrugLiaisonPosting,
  WITHHELD_PLACEHOLDER,
  commandDigest,
  createInMemoryEventStore,
  createInMemoryKeyStore,
  erasePersonalData,
  handleCommand,
  loadState,
  type DrugLiaisonPostingCommand,
  type EventStore,
  withKeyStore,
} from '../../src';
import { context, recordingIn2040 } from '../support/context';

/**
 * How a name travels through the write and read paths: refused without its subject or without a
 * key store, never in the digest, read back as withheld without the key, and a sealed value that
 * was tampered with or moved is a damaged record.
 */
const postingId = 'bh-dlo-islamabad';
const streamId = `DrugLiaisonPosting-${postingId}`;
const name = 'Maj. Khalid Al-Rumaihi';
const announce: DrugLiaisonPostingCommand = {
  type: 'AnnouncePosting',
  postingId,
  sendingState: 'BH',
  hostState: 'PK',
  mission: 'Embassy of the Kingdom of Bahrain, Islamabad',
  hostApprovalRequired: false,
  occurredOn: '2025-09-10',
};
const nominate: DrugLiaisonPostingCommand = {
  type: 'NominateOfficer',
  postingId,
  officer: { title: 'Drug Liaison Officer', party: 'BH', holder: name, holderId: 'person:dlo-1' },
  occurredOn: '2025-10',
};
const bh = () => context({ onBehalfOf: 'BH' });

const count = async (store: EventStore): Promise<number> => {
  let n = 0;
  for await (const _ of store.readAll()) n++;
  return n;
};

const announced = async (store: EventStore): Promise<void> => {
  const result = await handleCommand(store, DrugLiaisonPosting, announce, bh());
  if (E.isLeft(result)) throw new Error(result.left.message);
};

describe('a name on its way into the record', () => {
  it('is refused without the id of its data subject, naming the field, and nothing is written', async () => {
    const store = withKeyStore(createInMemoryEventStore(), createInMemoryKeyStore());
    await announced(store);
    const result = await handleCommand(
      store,
      DrugLiaisonPosting,
      { ...nominate, officer: { title: 'Drug Liaison Officer', party: 'BH', holder: name } },
      bh(),
    );
    expect(result).toMatchObject({
      left: { kind: 'InvalidCommand', issues: [{ path: 'NominateOfficer.officer.holderId' }] },
    });
    expect(E.isLeft(result) ? result.left.message : '').not.toContain(name);
    expect(await count(store)).toBe(1);
  });

  it('is refused on a store without a key store, never written in plain text', async () => {
    const store = createInMemoryEventStore();
    await announced(store);
    const result = await handleCommand(store, DrugLiaisonPosting, nominate, bh());
    expect(result).toMatchObject({
      left: {
        kind: 'PersonalDataRefused',
        problem: 'NoKeyStore',
        pointer: '/officer/holder',
        subjectId: 'person:dlo-1',
      },
    });
    expect(E.isLeft(result) ? result.left.message : '').not.toContain(name);
    expect(await count(store)).toBe(1);
  });

  it('is not in the command digest, which a retry still matches', async () => {
    const store = withKeyStore(createInMemoryEventStore(), createInMemoryKeyStore());
    await announced(store);
    const ctx = bh();
    const first = await handleCommand(store, DrugLiaisonPosting, nominate, ctx);
    expect(E.isRight(first)).toBe(true);
    let digest: unknown;
    for await (const e of store.readStream(streamId))
      if (e.type === 'LiaisonOfficerNominated')
        digest = (JSON.parse(e.metadata) as { commandDigest?: unknown }).commandDigest;
    // The digest over the plain command is what a guess at the name could be tested against.
    expect(digest).not.toBe(commandDigest(nominate, { ...ctx, commandId: ctx.commandId }));
    expect(typeof digest).toBe('string');
    const retried = await handleCommand(store, DrugLiaisonPosting, nominate, ctx);
    expect(retried).toMatchObject({ right: { alreadyHandled: true } });
    const reused = await handleCommand(
      store,
      DrugLiaisonPosting,
      { ...nominate, officer: { ...nominate.officer, holder: 'Maj. Khalid Al-Rumaihy' } },
      ctx,
    );
    expect(reused).toMatchObject({ left: { kind: 'CommandIdReused' } });
  });
});

describe('a sealed name on its way out', () => {
  const recorded = async () => {
    const keys = createInMemoryKeyStore();
    const base = createInMemoryEventStore();
    const store = withKeyStore(base, keys);
    await announced(store);
    const result = await handleCommand(store, DrugLiaisonPosting, nominate, bh());
    if (E.isLeft(result)) throw new Error(result.left.message);
    return { keys, base, store };
  };

  it('reads as withheld without the key store, and the state machine is the same', async () => {
    const { base } = await recorded();
    const loaded = await loadState(base, DrugLiaisonPosting, postingId);
    expect(loaded).toMatchObject({
      right: {
        state: {
          status: 'officerNominated',
          currentOfficer: { post: { holder: WITHHELD_PLACEHOLDER, holderId: 'person:dlo-1' } },
        },
      },
    });
  });

  it('reads as withheld with another key store, which holds no key of the subject', async () => {
    const { base } = await recorded();
    const other = withKeyStore(base, createInMemoryKeyStore());
    await other.keys.keyFor('person:dlo-1'); // a key of the same id, but not the one sealed with
    const loaded = await loadState(other, DrugLiaisonPosting, postingId);
    expect(loaded).toMatchObject({
      right: { state: { currentOfficer: { post: { holder: WITHHELD_PLACEHOLDER } } } },
    });
  });

  const copyWith = async (
    store: EventStore,
    change: (data: { officer: Record<string, unknown> }) => void,
  ): Promise<EventStore> => {
    const copy = withKeyStore(
      createInMemoryEventStore({ now: recordingIn2040 }),
      store.keys ?? createInMemoryKeyStore(),
    );
    for await (const e of store.readStream(streamId)) {
      const data = JSON.parse(e.data) as { officer: Record<string, unknown> };
      if (e.type === 'LiaisonOfficerNominated') change(data);
      await copy.appendToStream(
        streamId,
        [{ eventId: e.eventId, type: e.type, data: JSON.stringify(data), metadata: e.metadata }],
        { expectedRevision: e.revision === 0n ? 'no_stream' : e.revision - 1n },
      );
    }
    return copy;
  };

  it('is a damaged record when its ciphertext was altered, and nothing is decided on it', async () => {
    const { store } = await recorded();
    const copy = await copyWith(store, (data) => {
      const sealed = data.officer.holder as { ciphertext: string };
      const flipped = sealed.ciphertext.startsWith('A') ? 'B' : 'A';
      sealed.ciphertext = `${flipped}${sealed.ciphertext.slice(1)}`;
    });
    const loaded = await loadState(copy, DrugLiaisonPosting, postingId);
    expect(loaded).toMatchObject({
      left: { kind: 'DecodeError', problem: 'sealedPersonalData' },
    });
    expect(E.isLeft(loaded) ? loaded.left.message : '').toMatch(
      /\/officer\/holder does not open \(NotAuthentic\)/,
    );
    const next = await handleCommand(
      copy,
      DrugLiaisonPosting,
      {
        type: 'NotifyAppointment',
        postingId,
        noteVerbaleRef: 'NV 2025/117',
        occurredOn: '2025-11',
      },
      bh(),
    );
    expect(next).toMatchObject({ left: { kind: 'CorruptHistory' } });
  });

  it('is a damaged record when its field names another subject than the sealed value', async () => {
    const { store } = await recorded();
    const copy = await copyWith(store, (data) => {
      data.officer.holderId = 'person:someone-else';
    });
    const loaded = await loadState(copy, DrugLiaisonPosting, postingId);
    expect(loaded).toMatchObject({ left: { problem: 'sealedPersonalData' } });
  });

  it('shows who erased and when, and refuses an erasure without a key store or dated ahead', async () => {
    const { store, base } = await recorded();
    const request = {
      type: 'ErasePersonalData',
      subjectId: 'person:dlo-1',
      authority: 'DPA order 2031/7',
      occurredOn: '2025-12-01',
    } as const;
    expect(await erasePersonalData(base, request, bh())).toMatchObject({
      left: { kind: 'ErasureRefused', reason: 'noKeyStore' },
    });
    expect(
      await erasePersonalData(store, { ...request, occurredOn: '2999-01-01' }, bh()),
    ).toMatchObject({ left: { reason: 'datedAfterRecording' } });
    expect(
      await erasePersonalData(store, { ...request, subjectId: 'Maj. Khalid' }, bh()),
    ).toMatchObject({ left: { kind: 'InvalidCommand' } });
    const erased = await erasePersonalData(store, request, bh());
    expect(E.isRight(erased)).toBe(true);
    const loaded = await loadState(store, DrugLiaisonPosting, postingId);
    const day = new Date().toISOString().slice(0, 10);
    expect(loaded).toMatchObject({
      right: {
        state: {
          currentOfficer: { post: { holder: `[erased on ${day} by DPA order 2031/7]` } },
        },
      },
    });
  });

  it('refuses to erase over a record stream it cannot read, and destroys no key', async () => {
    const { store, keys } = await recorded();
    await store.appendToStream(
      'PersonalDataErasure-person:dlo-1',
      [
        {
          eventId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
          type: 'PersonalDataErased',
          data: '{"subjectId":"person:dlo-1"}',
          metadata: '{}',
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const result = await erasePersonalData(
      store,
      {
        type: 'ErasePersonalData',
        subjectId: 'person:dlo-1',
        authority: 'DPA order 2031/7',
        occurredOn: '2025-12-01',
      },
      bh(),
    );
    expect(result).toMatchObject({ left: { kind: 'ErasureRefused', reason: 'recordUnreadable' } });
    expect(await keys.find('person:dlo-1')).toMatchObject({ subjectId: 'person:dlo-1' });
  });
});
