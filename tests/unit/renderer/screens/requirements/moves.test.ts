// The board's columns and what a move asks for first (renderer/src/screens/requirements/moves.ts).
import {
  BOARD_COLUMNS,
  moveNeeds,
  neighbour,
} from '../../../../../renderer/src/screens/requirements/moves';
import { requirementStatuses } from '../../../../../shared/domain/entities/requirement';

describe('the requirements board', () => {
  it('has a column per status, the loop in order and declined last', () => {
    expect([...BOARD_COLUMNS].sort()).toEqual([...requirementStatuses].sort());
    expect(BOARD_COLUMNS).toEqual([
      'collected',
      'underReview',
      'planned',
      'inDevelopment',
      'released',
      'customersTold',
      'declined',
    ]);
  });

  it('moves a card one column left or right, never past either end', () => {
    expect(neighbour('collected', 1)).toBe('underReview');
    expect(neighbour('planned', -1)).toBe('underReview');
    expect(neighbour('collected', -1)).toBeUndefined();
    expect(neighbour('declined', 1)).toBeUndefined();
    expect(neighbour('declined', -1)).toBe('customersTold');
  });

  it('asks for the release when planning, and on later moves only when it is missing', () => {
    expect(moveNeeds('planned', {})).toBe('release');
    expect(moveNeeds('planned', { release: 'V5.2' })).toBe('release');
    expect(moveNeeds('inDevelopment', {})).toBe('release');
    expect(moveNeeds('released', { release: 'V5.2' })).toBeNull();
    expect(moveNeeds('underReview', {})).toBeNull();
  });

  it('asks for the reason when declining', () => {
    expect(moveNeeds('declined', { release: 'V5.2' })).toBe('declineReason');
  });
});
