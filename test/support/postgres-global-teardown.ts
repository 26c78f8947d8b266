/** Jest's global teardown: stops and removes the cluster the global setup started, if it did. */
export default (): void => {
  const holder = globalThis as { ledgerPostgresCluster?: { remove(): void } };
  const cluster = holder.ledgerPostgresCluster;
  holder.ledgerPostgresCluster = undefined;
  cluster?.remove();
};
