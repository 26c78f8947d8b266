/**
 * How much longer than on a quiet machine a test may take here: jest.config.js sets it (3 on a
 * machine with two cores or fewer, else 1; `TEST_TIMEOUT_SCALE` overrides), and every timeout a
 * test sets goes through `scaled`. Tests assert behaviour, never timings: this only keeps a busy
 * machine from failing them.
 */
export const TIME_SCALE = Math.max(1, Number(process.env.TEST_TIMEOUT_SCALE ?? 1) || 1);

export const scaled = (ms: number): number => Math.round(ms * TIME_SCALE);
