/** A positive whole number from the environment (`BENCH_ROUNDS=3`), or `fallback`. */
export const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
