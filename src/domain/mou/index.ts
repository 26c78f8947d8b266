import type { Aggregate } from '../../kernel/aggregate';
import { MoUCommand } from './commands';
import { decideMoU, type MoURule } from './decide';
import { mouEvents, type MoUEvent } from './events';
import { evolveMoU } from './evolve';
import { initialMoUState, type MoUState } from './state';
import { Party } from '../shared/party';

export * from './commands';
export * from './decide';
export * from './events';
export * from './evolve';
export * from './state';

/**
 * A memorandum of understanding (or a treaty-like instrument) between two states, from proposal
 * through negotiation, agreed text and signatures to entry into force and its end: terminated on
 * notice, expired, or withdrawn before it ever entered into force.
 */
export const MoU: Aggregate<MoUCommand, MoUEvent, MoUState, MoURule> = {
  name: 'MoU',
  commands: MoUCommand,
  events: mouEvents,
  idOf: (command) => command.mouId,
  onBehalfOf: Party,
  partiesOf: (state) => (state.status === 'unproposed' ? undefined : state.parties),
  initialState: initialMoUState,
  decide: decideMoU,
  evolve: evolveMoU,
};
