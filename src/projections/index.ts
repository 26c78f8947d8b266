/**
 * The read models and the projection runner that keeps them.
 */
// Read models
export {
  applyToCurrentStates,
  currentStatesProjection,
  emptyCurrentStates,
  readCurrentStates,
  type CurrentStates,
} from './current-states';
export {
  bilateralOverview,
  bilateralOverviews,
  formatBilateralOverview,
  type BilateralOverview,
  type JointWorkingGroupSummary,
  type MeetingSummary,
  type MoUSummary,
  type OpenActionItem,
  type PostingSummary,
} from './bilateral-overview';
export {
  DEFAULT_DORMANT_AFTER_MONTHS,
  InvalidOverviewOptionsError,
  addMonths,
  alternationWarnings,
  checkOverviewOptions,
  judgeDormancy,
  type BilateralOverviewOptions,
  type CheckedOverviewOptions,
  type HeldRoundRef,
  type JointWorkingGroupDormancy,
  type JointWorkingGroupWarning,
} from './joint-working-group-checks';
// Read models: the timeline by occurredOn
export {
  compareTimelineEntries,
  escapeMermaidText,
  readTimeline,
  renderMermaidTimeline,
  renderTextTimeline,
  timelineEntries,
  type TimelineEngagement,
  type TimelineEntry,
  type TimelineRenderOptions,
  type TimelineSource,
} from './timeline';
// The projection runner and its checkpoints
export type { Projection, ProjectionFailure } from './projection';
export {
  runProjection,
  startProjection,
  type CheckpointOptions,
  type ProjectionProgress,
  type ProjectionResult,
  type ProjectionRunner,
  type RunOutcome,
  type RunnerOptions,
} from './runner';
export {
  CHECKPOINT_CATEGORY,
  PositionText,
  ProjectionCheckpointed,
  ProjectionRebuildStarted,
  checkpointEvents,
  checkpointStreamOf,
  isBookkeepingStream,
  isCheckpointStream,
  libraryEvents,
  readLedgerEvents,
  type LibraryEvent,
  type ProjectionCheckpointEvent,
} from './checkpoint';
