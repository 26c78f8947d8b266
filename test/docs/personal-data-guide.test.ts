import { runGuide } from '../support/guide';

describe('the guide "Personal data"', () => {
  const { exports } = runGuide('personal-data.md');
  const { eraseTheOfficer } = exports as { eraseTheOfficer?: () => Promise<unknown> };

  it('erases the drug liaison officer as written: the record whole, the name gone', async () => {
    expect(eraseTheOfficer).toBeDefined();
    await expect(eraseTheOfficer?.()).resolves.toEqual({
      intact: true,
      sameTree: true,
      status: 'officerNominated',
      holder: '[erased on 2031-05-01 by DPA order 2031/7]',
    });
  });
});
