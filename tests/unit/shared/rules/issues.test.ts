import { issueStatuses } from '../../../../shared/domain/entities/issue';
import {
  isOpenIssue,
  isOpenIssueAsOf,
  isOverdueIssue,
  isSolvedIssue,
  OPEN_ISSUE_STATUSES,
  openIssueSql,
  overdueIssueSql,
  SOLVED_ISSUE_STATUSES,
  sqlIn,
} from '../../../../shared/rules/issues';
import { dayFrom, TODAY } from '../../../helpers/clock';

describe('open, solved and overdue issues', () => {
  it('splits every status into open or solved, never both', () => {
    expect([...OPEN_ISSUE_STATUSES]).toEqual(['new', 'inProgress', 'awaitingRelease']);
    expect([...SOLVED_ISSUE_STATUSES]).toEqual(['fixed', 'closed']);
    for (const status of issueStatuses)
      expect(isOpenIssue({ status })).toBe(!isSolvedIssue({ status }));
  });

  it('is overdue only after the due day: not on the day itself', () => {
    const open = { status: 'inProgress' };
    expect(isOverdueIssue({ ...open, dueDate: dayFrom(-1) }, TODAY)).toBe(true);
    expect(isOverdueIssue({ ...open, dueDate: TODAY }, TODAY)).toBe(false);
    expect(isOverdueIssue({ ...open, dueDate: dayFrom(1) }, TODAY)).toBe(false);
    expect(isOverdueIssue({ ...open }, TODAY)).toBe(false);
    expect(isOverdueIssue({ status: 'fixed', dueDate: dayFrom(-9) }, TODAY)).toBe(false);
  });

  it('tells what was open at the end of a past day (a review period)', () => {
    const end = dayFrom(-30);
    const later = `${dayFrom(-10)}T09:00:00.000Z`;
    const before = `${dayFrom(-40)}T09:00:00.000Z`;
    // Raised after the day: not yet an issue then.
    expect(isOpenIssueAsOf({ status: 'new', raisedOn: dayFrom(-20) }, end)).toBe(false);
    // Open now and raised by then: open then.
    expect(isOpenIssueAsOf({ status: 'inProgress', raisedOn: dayFrom(-35) }, end)).toBe(true);
    // Solved after the day: still open on it. Solved before it: not.
    expect(
      isOpenIssueAsOf({ status: 'fixed', raisedOn: dayFrom(-35), updatedAt: later }, end),
    ).toBe(true);
    expect(
      isOpenIssueAsOf({ status: 'closed', raisedOn: dayFrom(-45), updatedAt: before }, end),
    ).toBe(false);
  });

  it('builds SQL from the same lists', () => {
    expect(sqlIn(['a', "o'k"])).toBe("('a', 'o''k')");
    expect(() => sqlIn([])).toThrow(RangeError);
    expect(openIssueSql('d.status')).toBe("d.status IN ('new', 'inProgress', 'awaitingRelease')");
    expect(overdueIssueSql('?')).toBe(
      "status IN ('new', 'inProgress', 'awaitingRelease') AND due_date < ?",
    );
  });
});
