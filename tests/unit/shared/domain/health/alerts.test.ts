import { dayFrom } from '../../../../helpers/clock';
import { PORTFOLIO_FIGURES } from '../../../../../shared/api/health';
import { t, type MessageKey } from '../../../../../shared/i18n';
import {
  alertDigest,
  alertRules,
  evaluateAlerts,
  type AlertRule,
} from '../../../../../shared/domain/health/alerts';
import type { AccountInputs } from '../../../../../shared/domain/health/inputs';
import { DEFAULT_HEALTH_MODEL } from '../../../../../shared/domain/health/model';
import { healthy, readings, TODAY } from './hand-made';

const model = DEFAULT_HEALTH_MODEL;
const rulesOf = (a: AccountInputs) => evaluateAlerts(a, model, TODAY).map((x) => x.rule);
const fires = (rule: AlertRule, a: AccountInputs) => rulesOf(a).includes(rule);

describe('alert rules, each at its boundary', () => {
  it('a healthy account raises none', () => {
    expect(rulesOf(healthy())).toEqual([]);
  });

  it('lowActivation: below 20% fires, exactly 20% does not', () => {
    const at = (activated: number) =>
      healthy({ usage: readings([[dayFrom(-3), 100, activated, activated]]) });
    expect(fires('lowActivation', at(19))).toBe(true);
    expect(fires('lowActivation', at(20))).toBe(false);
    const alert = evaluateAlerts(at(19), model, TODAY).find((a) => a.rule === 'lowActivation')!;
    expect(alert.severity).toBe('high');
    expect(alert.params).toEqual({ activation: 19, threshold: 20 });
  });

  it('usageFalling: a 30% drop over about 90 days fires, 29% does not', () => {
    const drop = (now: number) =>
      healthy({
        usage: readings([
          [dayFrom(-90), 100, 90, 100],
          [dayFrom(-3), 100, 90, now],
        ]),
      });
    expect(fires('usageFalling', drop(70))).toBe(true);
    expect(fires('usageFalling', drop(71))).toBe(false);
    // A reading only a few days old is no trend.
    const recent = healthy({
      usage: readings([
        [dayFrom(-8), 100, 90, 100],
        [dayFrom(-3), 100, 90, 10],
      ]),
    });
    expect(fires('usageFalling', recent)).toBe(false);
  });

  it('seatsGrowing: a micro account from 10 to 50 seats fires; 10 to 29 or a strategic one does not', () => {
    const grow = (to: number, tier: AccountInputs['tier'] = 'micro') =>
      healthy({
        tier,
        usage: readings([
          [dayFrom(-175), 10, 9, 8],
          [dayFrom(-3), to, to - 1, to - 2],
        ]),
      });
    expect(fires('seatsGrowing', grow(50))).toBe(true);
    expect(fires('seatsGrowing', grow(30))).toBe(true);
    expect(fires('seatsGrowing', grow(29))).toBe(false);
    expect(fires('seatsGrowing', grow(50, 'strategic'))).toBe(false);
    // Growth spread over more than 180 days is not "fast".
    const slow = healthy({
      tier: 'micro',
      usage: readings([
        [dayFrom(-326), 10, 9, 8],
        [dayFrom(-3), 50, 49, 48],
      ]),
    });
    expect(fires('seatsGrowing', slow)).toBe(false);
  });

  it('keyPersonLeft: a decision maker or champion who left within 90 days; others do not count', () => {
    const left = (roles: string[], leftOn: string) =>
      healthy({
        contacts: [
          { id: 'contact:X:1', name: '赵总', roles, active: false, stance: 'neutral', leftOn },
        ],
      });
    expect(evaluateAlerts(left(['decisionMaker'], dayFrom(-90)), model, TODAY)[0]).toMatchObject({
      rule: 'keyPersonLeft',
      severity: 'high',
      targetId: 'contact:X:1',
    });
    expect(fires('keyPersonLeft', left(['decisionMaker'], dayFrom(-91)))).toBe(false);
    expect(evaluateAlerts(left(['champion'], dayFrom(-22)), model, TODAY)[0].severity).toBe(
      'medium',
    );
    expect(fires('keyPersonLeft', left(['keyUser'], dayFrom(-22)))).toBe(false);
  });

  it('renewalWindow opens 90 days ahead for strategic and ordinary, 30 for micro', () => {
    const ends = (renewalDate: string, tier: AccountInputs['tier']) =>
      healthy({ tier, renewalDate });
    expect(fires('renewalWindow', ends(dayFrom(90), 'strategic'))).toBe(true); // 90 days
    expect(fires('renewalWindow', ends(dayFrom(91), 'strategic'))).toBe(false); // 91 days
    expect(fires('renewalWindow', ends(dayFrom(90), 'ordinary'))).toBe(true);
    expect(fires('renewalWindow', ends(dayFrom(30), 'micro'))).toBe(true); // 30 days
    expect(fires('renewalWindow', ends(dayFrom(31), 'micro'))).toBe(false); // 31 days
    expect(fires('renewalWindow', ends(dayFrom(-1), 'micro'))).toBe(false); // already ended
  });

  it('overdueAction and overdueIssue: one alert per overdue item, keyed by the item', () => {
    const a = healthy({
      overdueActions: [
        { ref: 'visit:H:1#a1', title: '发送方案', owner: 'li.na', dueDate: dayFrom(-1) },
      ],
      overdueIssues: [{ ref: 'issue:H:1', title: '导出失败', owner: null, dueDate: dayFrom(-22) }],
    });
    const alerts = evaluateAlerts(a, model, TODAY);
    expect(alerts.map((x) => [x.rule, x.key, x.targetId, x.params.days])).toEqual([
      ['overdueAction', 'overdueAction|account:HEALTHY|visit:H:1#a1', 'visit:H:1', 1],
      ['overdueIssue', 'overdueIssue|account:HEALTHY|issue:H:1', 'issue:H:1', 22],
    ]);
  });

  it('noContact: longer than the cadence fires (strategic 30, ordinary 60, micro 90 days)', () => {
    const last = (lastContactOn: string | null, tier: AccountInputs['tier']) =>
      healthy({ tier, lastContactOn });
    expect(fires('noContact', last(dayFrom(-30), 'strategic'))).toBe(false); // 30 days
    expect(fires('noContact', last(dayFrom(-31), 'strategic'))).toBe(true); // 31 days
    expect(fires('noContact', last(dayFrom(-60), 'ordinary'))).toBe(false); // 60 days
    expect(fires('noContact', last(dayFrom(-61), 'ordinary'))).toBe(true);
    expect(fires('noContact', last(dayFrom(-90), 'micro'))).toBe(false); // 90 days
    expect(fires('noContact', last(dayFrom(-91), 'micro'))).toBe(true);
    expect(fires('noContact', last(null, 'micro'))).toBe(true);
  });

  it('thresholds come from the model: a manager raising the activation bar makes it fire', () => {
    const a = healthy({ usage: readings([[dayFrom(-3), 100, 25, 25]]) });
    expect(fires('lowActivation', a)).toBe(false);
    const stricter = structuredClone(model);
    stricter.alerts.lowActivation = 0.3;
    expect(evaluateAlerts(a, stricter, TODAY).map((x) => x.rule)).toContain('lowActivation');
  });

  it('alert digests are stable, alphanumeric and differ by key', () => {
    const key = 'overdueIssue|account:A|issue:A:1';
    expect(alertDigest(key)).toBe(alertDigest(key));
    expect(alertDigest(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(alertDigest(key)).not.toBe(alertDigest('overdueIssue|account:A|issue:A:2'));
  });
});

describe('alert messages', () => {
  it('every rule, severity and figure has a label and a message in both languages', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const rule of alertRules) {
        expect(t(locale, `health.rule.${rule}` as MessageKey)).not.toMatch(/^health\./);
        expect(t(locale, `health.alert.${rule}` as MessageKey)).not.toMatch(/^health\./);
      }
      for (const s of ['high', 'medium', 'low'])
        expect(t(locale, `health.severity.${s}` as MessageKey)).not.toMatch(/^health\./);
      for (const f of PORTFOLIO_FIGURES)
        expect(t(locale, `health.figure.${f}` as MessageKey)).not.toMatch(/^health\./);
    }
    // Parameters fill in: the message says what happened.
    const [alert] = evaluateAlerts(
      healthy({ usage: readings([[dayFrom(-3), 100, 10, 10]]) }),
      model,
      TODAY,
    );
    expect(t('zh-CN', `health.alert.${alert.rule}` as MessageKey, alert.params)).toBe(
      '激活率仅 10%（低于 20%），需立即挽救',
    );
  });
});
