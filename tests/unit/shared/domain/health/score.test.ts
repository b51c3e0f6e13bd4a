import { dayFrom } from '../../../../helpers/clock';
import { DEFAULT_HEALTH_MODEL, healthModelFields } from '../../../../../shared/domain/health/model';
import { applyRule, scoreAccount } from '../../../../../shared/domain/health/score';
import { healthy, readings, TODAY } from './hand-made';

const model = DEFAULT_HEALTH_MODEL;

describe('health rules', () => {
  it('map a raw measure to 0-100 by straight lines, flat beyond the ends', () => {
    const rule: [number, number][] = [
      [0, 0],
      [0.2, 20],
      [0.5, 60],
    ];
    expect(applyRule(rule, -1)).toBe(0);
    expect(applyRule(rule, 0.1)).toBeCloseTo(10);
    expect(applyRule(rule, 0.35)).toBeCloseTo(40);
    expect(applyRule(rule, 2)).toBe(60);
  });

  it('the default model is valid data, and a broken one is refused', () => {
    expect(healthModelFields.safeParse(model).success).toBe(true);
    const unsorted = structuredClone(model);
    unsorted.rules.activation = [
      [0.5, 60],
      [0.2, 20],
    ];
    expect(healthModelFields.safeParse(unsorted).success).toBe(false);
    const inverted = structuredClone(model);
    inverted.profiles.micro.thresholds = { yellow: 80, green: 60 };
    expect(healthModelFields.safeParse(inverted).success).toBe(false);
  });
});

describe('scoring hand-made accounts', () => {
  it('green: active use, recent visit, supportive people, paid, promoters', () => {
    const result = scoreAccount(healthy(), model, TODAY);
    expect(result.band).toBe('green');
    expect(result.score).toBeGreaterThanOrEqual(75);
    expect(result.missing).toEqual([]);
  });

  it('yellow: usage slipping and no visit for 40 days (cadence 30)', () => {
    const result = scoreAccount(
      healthy({
        usage: readings([
          [dayFrom(-90), 100, 60, 60],
          [dayFrom(-3), 100, 55, 52],
        ]),
        lastContactOn: dayFrom(-40),
        contacts: [
          { id: 'c1', name: '王总', roles: ['decisionMaker'], active: true, stance: 'supportive' },
          { id: 'c2', name: '李经理', roles: ['champion'], active: true, stance: 'neutral' },
        ],
        npsScores: [8],
      }),
      model,
      TODAY,
    );
    expect(result.band).toBe('yellow');
    expect(result.score).toBeGreaterThanOrEqual(50);
    expect(result.score).toBeLessThan(75);
  });

  it('red: low activation, falling usage, decision maker gone; activation costs the most', () => {
    const result = scoreAccount(
      healthy({
        usage: readings([
          [dayFrom(-90), 100, 20, 30],
          [dayFrom(-3), 100, 10, 8],
        ]),
        lastContactOn: dayFrom(-114),
        openUrgentIssues: 2,
        contacts: [
          {
            id: 'contact:H:1',
            name: '王总',
            roles: ['decisionMaker'],
            active: false,
            stance: 'supportive',
            leftOn: dayFrom(-22),
          },
          { id: 'c2', name: '李经理', roles: ['champion'], active: true, stance: 'supportive' },
        ],
        renewalDate: dayFrom(17),
        npsScores: [3],
      }),
      model,
      TODAY,
    );
    expect(result.band).toBe('red');
    expect(result.score).toBeLessThan(50);
    // "Why is this red": the costliest factors first, and the points they cost add up.
    expect(result.factors[0].dimension).toBe('activation');
    const impacts = result.factors.map((f) => f.impact);
    expect([...impacts].sort((a, b) => b - a)).toEqual(impacts);
    expect(100 - impacts.reduce((s, i) => s + i, 0)).toBeCloseTo(result.score, 0);
  });

  it('leaves out dimensions without data and rescales the other weights', () => {
    const result = scoreAccount(healthy({ npsScores: [], usage: [] }), model, TODAY);
    expect(result.missing.sort()).toEqual(['activation', 'nps', 'usageTrend']);
    const weights = result.factors.reduce((s, f) => s + f.weight, 0);
    expect(weights).toBeCloseTo(100, 0);
  });

  it('the band follows the profile thresholds exactly at the boundary', () => {
    const edited = structuredClone(model);
    const score = scoreAccount(healthy(), model, TODAY).score;
    edited.profiles.strategic.thresholds = { yellow: 10, green: score };
    expect(scoreAccount(healthy(), edited, TODAY).band).toBe('green');
    edited.profiles.strategic.thresholds = { yellow: 10, green: score + 1 };
    expect(scoreAccount(healthy(), edited, TODAY).band).toBe('yellow');
  });

  it('uses the profile of the tier: the same facts weigh differently for a micro account', () => {
    const facts = {
      contacts: [],
      usage: readings([
        [dayFrom(-90), 20, 18, 16],
        [dayFrom(-3), 20, 19, 17],
      ]),
    };
    const strategic = scoreAccount(healthy({ ...facts, tier: 'strategic' }), model, TODAY);
    const micro = scoreAccount(healthy({ ...facts, tier: 'micro' }), model, TODAY);
    // Relationship weighs 20% for strategic accounts but 5% for micro ones.
    expect(micro.score).toBeGreaterThan(strategic.score);
  });
});
