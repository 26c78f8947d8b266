import * as E from 'fp-ts/Either';
import { actOutOfOrder, actsOutOfOrder, type Prerequisite } from '../../src/kernel/acts-in-order';

const notified: Prerequisite<'DutiesBeforeNotification'> = {
  act: 'the appointment was notified',
  on: '2025-09-10',
  rule: 'DutiesBeforeNotification',
};

describe('acts in order', () => {
  it('refuses an act certainly before its prerequisite, naming both acts and dates', () => {
    const refusal = actOutOfOrder('DrugLiaisonPosting', 'assuming duties', '2025-09-01', [
      notified,
    ]);
    expect(refusal).toEqual(
      E.left({
        kind: 'RuleViolated',
        aggregate: 'DrugLiaisonPosting',
        rule: 'DutiesBeforeNotification',
        message:
          'assuming duties on 2025-09-01 would come before the appointment was notified on 2025-09-10; give a date on or after 2025-09-10',
      }),
    );
  });

  it('accepts a partial date that may fall on or after the prerequisite', () => {
    // 2025-09 may be 2025-09-30; 2025 may be 2025-12-31.
    for (const on of ['2025-09', '2025', '2025-09-10', '2026'])
      expect(actOutOfOrder('DrugLiaisonPosting', 'assuming duties', on, [notified])).toBe(
        undefined,
      );
  });

  it('suggests the first day the prerequisite can mean, for a partial prerequisite', () => {
    const refusal = actOutOfOrder('MoU', 'the signature', '2025-08-31', [
      { act: 'the text was agreed', on: '2025-09', rule: 'SignatureBeforeTextAgreed' },
    ]);
    expect(refusal !== undefined && E.isLeft(refusal) && refusal.left.message).toContain(
      'on or after 2025-09-01',
    );
  });

  it('reports the first prerequisite missed, in the order listed, and nothing without one', () => {
    const prerequisites = [
      { act: 'the proposal', on: '2025-09-10', rule: 'DatedBeforeProposal' },
      { act: 'the text was agreed', on: '2025-12', rule: 'SignatureBeforeTextAgreed' },
    ] as const;
    const early = actOutOfOrder('MoU', 'the signature', '2025-01', prerequisites);
    expect(early !== undefined && E.isLeft(early) && early.left.rule).toBe('DatedBeforeProposal');
    const late = actOutOfOrder('MoU', 'the signature', '2025-11', prerequisites);
    expect(late !== undefined && E.isLeft(late) && late.left.rule).toBe(
      'SignatureBeforeTextAgreed',
    );
    expect(actOutOfOrder('MoU', 'the signature', '2025-01', [])).toBe(undefined);
  });

  it('checks several acts of one command in turn', () => {
    const acts = [
      { act: 'scheduling round 1', on: '2025-10-01', after: [] },
      {
        act: 'round 1, scheduled for',
        on: '2025-09-30',
        after: [
          { act: 'the day it was scheduled', on: '2025-10-01', rule: 'MeetingScheduledInThePast' },
        ],
      },
    ] as const;
    const refusal = actsOutOfOrder('JointWorkingGroup', acts);
    expect(refusal !== undefined && E.isLeft(refusal) && refusal.left.rule).toBe(
      'MeetingScheduledInThePast',
    );
    expect(actsOutOfOrder('JointWorkingGroup', acts.slice(0, 1))).toBe(undefined);
  });
});
