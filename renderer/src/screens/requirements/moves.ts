// How a card moves across the board: the columns in the loop's order (declined last), the
// neighbour a keyboard move or an arrow button goes to, and what a move must ask for first.
// Which moves are allowed, and who may make them, is the backend's (and the team server's).
import {
  RELEASE_STATUSES,
  requirementStatuses,
  type RequirementStatus,
} from '../../../../shared/domain/entities/requirement';

/** The board's columns, left to right: the loop, then declined. */
export const BOARD_COLUMNS: readonly RequirementStatus[] = [
  ...requirementStatuses.filter((s) => s !== 'declined'),
  'declined',
];

/** The column a step left (-1) or right (+1) goes to; none past either end. */
export function neighbour(status: RequirementStatus, step: -1 | 1): RequirementStatus | undefined {
  const at = BOARD_COLUMNS.indexOf(status);
  return at < 0 ? undefined : BOARD_COLUMNS[at + step];
}

/** What the move dialog asks before the move: the release, the reason, or nothing. */
export function moveNeeds(
  to: RequirementStatus,
  current: { release?: string | null },
): 'release' | 'declineReason' | null {
  if (to === 'declined') return 'declineReason';
  if (to === 'planned') return 'release';
  if (RELEASE_STATUSES.includes(to) && !current.release) return 'release';
  return null;
}
