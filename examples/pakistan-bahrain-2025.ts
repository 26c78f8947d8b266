/**
 * Pakistan and Bahrain, Islamabad, 10 September 2025.
 *
 * Records the worked case (the meeting, its outcomes, the Joint Working Group, three proposed
 * MoUs and Bahrain's drug liaison posting; see `src/demo/pakistan-bahrain-2025.ts`), then prints
 * the bilateral overview, one audit line per recorded event and the audit summary. Uses only the
 * public API.
 */
import * as E from 'fp-ts/Either';
import { parseArgs } from 'node:util';
import {
  auditTrail,
  bilateralOverview,
  formatAuditEntry,
  formatBilateralOverview,
  formatVerificationReport,
  libraryEvents,
  defaultStoreSpec,
  openEventStore,
  pakistanBahrainParties,
  readCurrentStates,
  recordPakistanBahrain2025,
  specWithoutPassword,
  verifyAll,
  type EventStore,
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

if (require.main === module) {
  // The embedded store in the working directory unless --store names another.
  const { values } = parseArgs({
    options: { store: { type: 'string', default: defaultStoreSpec() } },
  });
  const main = async (): Promise<void> => {
    const opened = await openEventStore(values.store);
    try {
      // A connection string may carry a password: it is not printed.
      console.log(`Store: ${specWithoutPassword(values.store)}\n`);
      await runPakistanBahrain2025(opened.store, (line) => console.log(line));
    } finally {
      await opened.close();
    }
  };
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
