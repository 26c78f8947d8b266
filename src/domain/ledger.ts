import { eventRegistry } from '../kernel/event-registry';
import { BilateralMeeting, type BilateralMeetingEvent } from './bilateral-meeting';
import { DrugLiaisonPosting, type DrugLiaisonPostingEvent } from './drug-liaison-posting';
import { JointWorkingGroup, type JointWorkingGroupEvent } from './joint-working-group';
import { MoU, type MoUEvent } from './mou';

/** Every event the library records, across all aggregates. */
export type LedgerEvent =
  BilateralMeetingEvent | JointWorkingGroupEvent | MoUEvent | DrugLiaisonPostingEvent;

/** The aggregates the library knows, by stream category. */
export const aggregates = [BilateralMeeting, JointWorkingGroup, MoU, DrugLiaisonPosting] as const;

/**
 * Decodes an event from any of the aggregates' streams, e.g. while reading the global order. A
 * store that projection runners checkpoint into also holds `ProjectionCheckpoint-*` streams:
 * `libraryEvents` (in `projections/checkpoint.ts`) reads those too.
 */
export const ledgerEvents = eventRegistry<LedgerEvent>(aggregates);
