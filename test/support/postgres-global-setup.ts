import { hasPostgresBinaries, removeStaleClusters, startPostgresCluster } from './postgres-cluster';

/**
 * Jest's global setup: one throwaway PostgreSQL cluster for the whole run, unless `POSTGRES_URL`
 * already names a server. Its URL reaches the workers as `POSTGRES_URL`; each test file makes a
 * database of its own there, so files run in parallel. The teardown stops it, whether the tests
 * passed or not; a cluster left by a run that was killed is removed here, on the next run.
 */
export default (): void => {
  if (process.env.POSTGRES_URL !== undefined && process.env.POSTGRES_URL !== '') return;
  removeStaleClusters();
  // Without a server the PostgreSQL tests fail, each saying how to provide one; the rest run.
  if (!hasPostgresBinaries()) return;
  // Durability is not under test here: no fsync keeps a busy machine's runs short.
  const cluster = startPostgresCluster({ settings: { fsync: 'off', synchronous_commit: 'off' } });
  process.env.POSTGRES_URL = cluster.url;
  process.env.LEDGER_TEST_POSTGRES_CLUSTER = cluster.directory;
  (globalThis as { ledgerPostgresCluster?: { remove(): void } }).ledgerPostgresCluster = cluster;
};
