import { isStoreReadOnlyError } from '../../src/store/read-only';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store';

/**
 * Opens the file named by the first argument read-only, reads every event, tries to append and
 * to delete, and prints what happened as one JSON line. Run in its own process so a test can run
 * it as a user the file's permissions bind.
 */
const main = async (): Promise<void> => {
  const file = process.argv[2] ?? '';
  const store = openSqliteEventStore(file, { readOnly: true });
  const eventIds: string[] = [];
  for await (const event of store.readAll()) eventIds.push(event.eventId);
  const refusal = async (write: () => Promise<unknown>): Promise<string> =>
    write().then(
      () => 'written',
      (error: unknown) => (isStoreReadOnlyError(error) ? 'readOnly' : String(error)),
    );
  const append = await refusal(() =>
    store.appendToStream(
      'Noted-1',
      [
        {
          eventId: '0b6a1f1e-8f4c-4d7e-9a55-0a1b2c3d4e5f',
          type: 'Noted',
          data: '{}',
          metadata: '{}',
        },
      ],
      { expectedRevision: 'any' },
    ),
  );
  const deletion = await refusal(() => store.deleteStream('Noted-1', { mode: 'tombstone' }));
  await store.close();
  process.stdout.write(
    `${JSON.stringify({ uid: process.getuid?.(), eventIds, append, deletion })}\n`,
  );
};

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ failed: String(error) })}\n`);
});
