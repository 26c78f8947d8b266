import type { Aggregate } from '../../kernel/aggregate';
import { DrugLiaisonPostingCommand } from './commands';
import { decideDrugLiaisonPosting, type DrugLiaisonPostingRule } from './decide';
import { drugLiaisonPostingEvents, type DrugLiaisonPostingEvent } from './events';
import { evolveDrugLiaisonPosting } from './evolve';
import { initialDrugLiaisonPostingState, type DrugLiaisonPostingState } from './state';
import { Party } from '../shared/party';

export * from './commands';
export * from './decide';
export * from './events';
export * from './evolve';
export * from './state';

/**
 * A liaison officer posting at a mission abroad, under the Vienna Convention on Diplomatic
 * Relations: the sending state nominates and notifies, the host may have to approve first and may
 * declare the officer persona non grata at any time, and the sending state may recall and renominate.
 */
export const DrugLiaisonPosting: Aggregate<
  DrugLiaisonPostingCommand,
  DrugLiaisonPostingEvent,
  DrugLiaisonPostingState,
  DrugLiaisonPostingRule
> = {
  name: 'DrugLiaisonPosting',
  commands: DrugLiaisonPostingCommand,
  events: drugLiaisonPostingEvents,
  idOf: (command) => command.postingId,
  onBehalfOf: Party,
  partiesOf: (state) =>
    state.status === 'unannounced' ? undefined : [state.sendingState, state.hostState],
  initialState: initialDrugLiaisonPostingState,
  decide: decideDrugLiaisonPosting,
  evolve: evolveDrugLiaisonPosting,
};
