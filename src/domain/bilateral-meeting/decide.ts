import * as E from 'fp-ts/Either';
import { actsOutOfOrder } from '../../kernel/acts-in-order';
import { refuse, type RuleViolation } from '../../kernel/decider';
import { delegationProblem } from '../shared/delegation';
import { areDistinct, isOneOf } from '../shared/rules';
import type { BilateralMeetingCommand } from './commands';
import type { BilateralMeetingEvent } from './events';
import { bilateralMeetingActsInOrder } from './prerequisites';
import type { BilateralMeetingRule } from './rules';
import type { BilateralMeetingState } from './state';

export type { BilateralMeetingRule } from './rules';

/** What deciding a command gives: the events to record, or the rule that refuses it. */
export type BilateralMeetingDecision = E.Either<
  RuleViolation<BilateralMeetingRule>,
  readonly BilateralMeetingEvent[]
>;

const no = (rule: BilateralMeetingRule, message: string) =>
  refuse('BilateralMeeting', rule, message);

export const decideBilateralMeeting = (
  command: BilateralMeetingCommand,
  state: BilateralMeetingState,
): BilateralMeetingDecision => {
  const decision = decideCommand(command, state);
  // Dates last, in one place: a step that cannot happen at all is refused for that first.
  if (E.isLeft(decision)) return decision;
  return (
    actsOutOfOrder('BilateralMeeting', bilateralMeetingActsInOrder(command, state)) ?? decision
  );
};

const decideCommand = (
  command: BilateralMeetingCommand,
  state: BilateralMeetingState,
): BilateralMeetingDecision => {
  switch (command.type) {
    case 'RecordBilateralMeeting': {
      if (state.status !== 'unrecorded')
        return no('MeetingAlreadyRecorded', `meeting ${command.meetingId} is already recorded`);
      const { parties, hostParty, delegations } = command;
      if (!areDistinct(parties))
        return no(
          'PartiesMustDiffer',
          `a bilateral meeting needs two different parties, got ${parties[0]} twice`,
        );
      if (!isOneOf(hostParty, parties))
        return no(
          'HostMustBeAParty',
          `host ${hostParty} is not one of the parties ${parties.join(', ')}`,
        );
      const problem = delegationProblem(delegations, parties);
      if (problem !== undefined) return no(problem.rule, problem.message);
      return E.right([
        {
          type: 'BilateralMeetingHeld',
          occurredOn: command.occurredOn,
          data: {
            meetingId: command.meetingId,
            parties,
            hostParty,
            venue: command.venue,
            delegations,
            ...(command.title === undefined ? {} : { title: command.title }),
          },
        },
      ]);
    }
    case 'RecordMeetingOutcome': {
      if (state.status !== 'held')
        return no('MeetingNotRecorded', `record meeting ${command.meetingId} before its outcomes`);
      if (state.outcomes.some((o) => o.outcomeId === command.outcomeId))
        return no('OutcomeAlreadyRecorded', `outcome ${command.outcomeId} is already recorded`);
      if (command.byParty !== undefined && !isOneOf(command.byParty, state.parties))
        return no(
          'OutcomePartyMustBeAParty',
          `${command.byParty} is not a party to meeting ${state.meetingId}`,
        );
      return E.right([
        {
          type: 'MeetingOutcomeRecorded',
          occurredOn: command.occurredOn,
          data: {
            meetingId: state.meetingId,
            outcomeId: command.outcomeId,
            kind: command.kind,
            summary: command.summary,
            ...(command.byParty === undefined ? {} : { byParty: command.byParty }),
            ...(command.leadsTo === undefined ? {} : { leadsTo: command.leadsTo }),
          },
        },
      ]);
    }
    case 'NoteSourcedFact': {
      if (state.status !== 'held')
        return no(
          'MeetingNotRecorded',
          `record meeting ${command.meetingId} before facts about it`,
        );
      if (state.facts.some((f) => f.factId === command.factId))
        return no('FactAlreadyNoted', `fact ${command.factId} is already noted`);
      return E.right([
        {
          type: 'SourcedFactNoted',
          occurredOn: command.occurredOn,
          data: {
            meetingId: state.meetingId,
            factId: command.factId,
            statement: command.statement,
            ...(command.statedBy === undefined ? {} : { statedBy: command.statedBy }),
          },
        },
      ]);
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};
