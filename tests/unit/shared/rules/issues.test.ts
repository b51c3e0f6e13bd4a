import { issueStatuses } from '../../../../shared/domain/entities/issue';
import {
  isOpenIssue,
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

  it('builds SQL from the same lists', () => {
    expect(sqlIn(['a', "o'k"])).toBe("('a', 'o''k')");
    expect(() => sqlIn([])).toThrow(RangeError);
    expect(openIssueSql('d.status')).toBe("d.status IN ('new', 'inProgress', 'awaitingRelease')");
    expect(overdueIssueSql('?')).toBe(
      "status IN ('new', 'inProgress', 'awaitingRelease') AND due_date < ?",
    );
  });
});
