// The task rules: overdue like an issue (not on the due day), and the due-date rules with their
// own words at the item's field, as every schema that holds tasks applies them.
import { entities } from '../../../../shared/domain/entities';
import { isOverdueTask, taskSourceOf } from '../../../../shared/rules/tasks';
import { dayFrom } from '../../../helpers/clock';

const keyOf = (r: {
  success: boolean;
  error?: { issues: { params?: unknown; path: unknown[] }[] };
}) =>
  r.error?.issues.map((i) => [i.path.join('.'), (i.params as { messageKey?: string })?.messageKey]);

describe('task rules', () => {
  it('a task is overdue the day after it is due, and never when done', () => {
    expect(isOverdueTask({ done: false, dueDate: dayFrom(-1) }, dayFrom(0))).toBe(true);
    expect(isOverdueTask({ done: false, dueDate: dayFrom(0) }, dayFrom(0))).toBe(false);
    expect(isOverdueTask({ done: true, dueDate: dayFrom(-9) }, dayFrom(0))).toBe(false);
  });

  it('knows which documents hold tasks', () => {
    expect(['visit', 'riskCase', 'successPlan', 'task', 'issue'].map(taskSourceOf)).toEqual([
      'visit',
      'riskCase',
      'milestone',
      'task',
      null,
    ]);
  });

  it("a visit's action item is not due, nor done, before the visit", () => {
    const visit = (dueDate: string, doneOn?: string) =>
      entities.visit.input.safeParse({
        purpose: '回访',
        date: dayFrom(0),
        actionItems: [
          {
            key: 'a',
            title: '跟进',
            owner: 'li.na',
            dueDate,
            ...(doneOn ? { done: true, doneOn } : {}),
          },
        ],
      });
    expect(visit(dayFrom(0)).success).toBe(true);
    expect(keyOf(visit(dayFrom(-2190)))).toEqual([
      ['actionItems.0.dueDate', 'validation.actionDueBeforeVisit'],
    ]);
    expect(keyOf(visit(dayFrom(1), dayFrom(-1)))).toEqual([
      ['actionItems.0.doneOn', 'validation.doneBeforeStart'],
    ]);
  });

  it("a risk plan's task is not due before the case was opened", () => {
    const risk = entities.riskCase.input.safeParse({
      level: 'high',
      cause: '流失风险',
      openedOn: dayFrom(0),
      actionPlan: [{ key: 'p', task: '高层拜访', owner: 'li.na', dueDate: dayFrom(-1) }],
    });
    expect(keyOf(risk)).toEqual([['actionPlan.0.dueDate', 'validation.actionDueBeforeOpened']]);
  });

  it('a task of its own has a done date only when done', () => {
    const task = (done: boolean) =>
      entities.task.input.safeParse({
        title: '报价',
        owner: 'li.na',
        dueDate: dayFrom(3),
        done,
        doneOn: dayFrom(0),
      });
    expect(task(true).success).toBe(true);
    expect(keyOf(task(false))).toEqual([['doneOn', 'validation.doneOnNotDone']]);
  });
});
