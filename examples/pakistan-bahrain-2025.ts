/**
 * Pakistan and Bahrain, Islamabad, 10 September 2025.
 *
 * Records the worked case (the meeting, its outcomes, the Joint Working Group, three proposed
 * MoUs and Bahrain's drug liaison posting; see `src/demo/pakistan-bahrain-2025.ts`), then prints
 * the bilateral overview, one audit line per recorded event and the audit summary. Uses only the
 * public API.
 *
 * The names of the post holders are personal data: on the embedded store they are sealed under
 * their holders' keys, kept in a key store file of their own beside the store's
 * (`diplomatic-ledger.keys.db` beside `diplomatic-ledger.db`), so that one can be erased later
 * while the record stays whole. `--keys PATH` names another key store file; `--keys none`, or a
 * server store without `--keys`, records the posts without their holders' names.
 */
import * as E from 'fp-ts/Either';
import { parseArgs } from 'node:util';
import {
  auditTrail,
  bilateralOverview,
  createInMemoryKeyStore,
  formatAuditEntry,
  formatBilateralOverview,
  formatVerificationReport,
  libraryEvents,
  listDataSubjects,
  defaultStoreSpec,
  keyStoreFileBeside,
  openEventStore,
  openSqliteKeyStore,
  pakistanBahrainParties,
  readCurrentStates,
  recordPakistanBahrain2025,
  specWithoutPassword,
  verifyAll,
  withKeyStore,
  type EventStore,
  type KeyStore,
} from '../src';

export { recordPakistanBahrain2025 };

/**
 * Records the case on `store` and writes the overview, the audit listing and the audit summary
 * (events checked, whether every integrity link holds, the running digest) to `print`.
 */
export const runPakistanBahrain2025 = async (
  store: EventStore,
  print: (line: string) => void,
): Promise<void> => {
  await recordPakistanBahrain2025(store);
  const states = await readCurrentStates(store);
  if (E.isLeft(states)) throw new Error(states.left.message);
  print(formatBilateralOverview(bilateralOverview(states.right, pakistanBahrainParties)));
  print('');
  print('Audit listing (one line per recorded event)');
  let count = 0;
  for await (const entry of auditTrail(store, libraryEvents)) {
    if (E.isLeft(entry)) throw new Error(entry.left.error.message);
    print(`  ${formatAuditEntry(entry.right)}`);
    count++;
  }
  print(`  ${count} events`);
  print('');
  print(formatVerificationReport(await verifyAll(store)));
};

/**
 * The key store beside the store `spec` names, and how to name it: the file `keys` names, none
 * for `none`, and by default the file beside an embedded store's, an in-memory one for
 * `memory`, none for a server.
 */
const keyStoreFor = (
  spec: string,
  keys: string | undefined,
): { readonly keys?: KeyStore; readonly shown: string } => {
  const file =
    keys !== undefined && keys !== 'none'
      ? keys
      : keys === undefined && spec.startsWith('sqlite:')
        ? keyStoreFileBeside(spec.slice('sqlite:'.length))
        : undefined;
  if (file !== undefined) return { keys: openSqliteKeyStore(file), shown: file };
  if (keys === undefined && spec === 'memory')
    return { keys: createInMemoryKeyStore(), shown: 'in memory' };
  return { shown: 'none' };
};

/** What the store holds of the holders' names, with the key store or without one. */
const namesHeld = (named: number, withKeys: boolean): string =>
  named === 0
    ? "the holders' names are not recorded in this store"
    : withKeys
      ? `${named} holders' names sealed under their own keys`
      : `${named} holders' names recorded sealed, read as withheld without their keys`;

if (require.main === module) {
  // The embedded store in the working directory unless --store names another.
  const { values } = parseArgs({
    options: {
      store: { type: 'string', default: defaultStoreSpec() },
      keys: { type: 'string' },
    },
  });
  const main = async (): Promise<void> => {
    const { keys, shown } = keyStoreFor(values.store, values.keys);
    try {
      const opened = await openEventStore(values.store);
      try {
        // A connection string may carry a password: it is not printed.
        console.log(`Store: ${specWithoutPassword(values.store)}`);
        const store = keys === undefined ? opened.store : withKeyStore(opened.store, keys);
        // Recorded first, to say how many names the store holds; the run below adds nothing.
        await recordPakistanBahrain2025(store);
        const named = (await listDataSubjects(store)).filter((s) => s.values > 0).length;
        console.log(`Keys: ${shown} (${namesHeld(named, keys !== undefined)})\n`);
        await runPakistanBahrain2025(store, (line) => console.log(line));
      } finally {
        await opened.close();
      }
    } finally {
      await keys?.close();
    }
  };
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
