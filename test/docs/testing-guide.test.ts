import { runGuide } from '../support/guide';

describe('the guide "Testing what you build on the library"', () => {
  const { exports } = runGuide('testing.md');
  const { decides, handles, projects } = exports as {
    decides?: () => void;
    handles?: () => Promise<void>;
    projects?: () => Promise<string | undefined>;
  };

  it('runs its decider specifications as written', () => {
    expect(decides).toBeDefined();
    expect(() => decides?.()).not.toThrow();
  });

  it('runs its command specifications as written, against a store', async () => {
    expect(handles).toBeDefined();
    await expect(handles?.()).resolves.toBeUndefined();
  });

  it('runs its projection specification as written', async () => {
    expect(await projects?.()).toBe('proposed');
  });
});
