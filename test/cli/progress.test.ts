import { progress, type CliIo } from '../../src/cli/output';

/** The progress line, on a terminal and off one. */
const capture = (isTTY: boolean): { io: CliIo; written: () => string } => {
  let text = '';
  const stream = {
    isTTY,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    // What cli-progress asks of a terminal stream.
    columns: 200,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => stream,
    removeListener: () => stream,
  };
  return { io: { stdout: stream, stderr: stream, cwd: '.' }, written: () => text };
};

describe('the progress line', () => {
  it('shows the count, then the share done and the time left once the total is known', () => {
    const { io, written } = capture(true);
    const bar = progress(io, 'Importing');
    try {
      bar.update(10);
      bar.update(20);
      // Learning the total changes the line; the counted one is drawn once more as it ends.
      bar.update(40, 100);
      bar.update(60, 100);
    } finally {
      bar.stop();
    }
    expect(written()).toContain('Importing: 20 events');
    expect(written()).toContain('60/100 events');
    expect(written()).toContain('60%');
    expect(written()).toMatch(/about \S+ left/);
  });

  it('writes nothing when standard error is not a terminal', () => {
    const { io, written } = capture(false);
    const bar = progress(io, 'Importing');
    bar.update(5, 10);
    bar.stop();
    expect(written()).toBe('');
  });
});
