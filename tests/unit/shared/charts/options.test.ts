import {
  criteriaProgressOption,
  healthTrendOption,
  issuesByPriorityOption,
  usageTrendOption,
} from '../../../../shared/charts/options';

describe('chart option builders', () => {
  it('stacks issues by status for each priority, labelled in the locale', () => {
    const option = issuesByPriorityOption('zh-CN', [
      { priority: 'urgentFault', status: 'new' },
      { priority: 'urgentFault', status: 'new' },
      { priority: 'presales', status: 'closed' },
    ]) as { xAxis: { data: string[] }; series: { name: string; data: number[] }[] };
    expect(option.xAxis.data[0]).toBe('紧急故障');
    const byName = Object.fromEntries(option.series.map((s) => [s.name, s.data]));
    expect(byName['新建']).toEqual([2, 0, 0, 0, 0]);
    expect(byName['已关闭']).toEqual([0, 0, 0, 1, 0]);
  });

  it('maps usage, health and criteria data without animation (server rendering)', () => {
    const usage = usageTrendOption('en-US', [
      { date: '2026-01-31', seats: 10, activated: 5, active: 4 },
    ]) as {
      animation: boolean;
      series: { name: string; data: number[] }[];
    };
    expect(usage.animation).toBe(false);
    expect(usage.series.map((s) => s.name)).toEqual(['Seats', 'Activated', 'Monthly active']);
    const health = healthTrendOption('en-US', [{ date: '2026-01-31', score: 64 }]) as {
      series: { data: number[] }[];
    };
    expect(health.series[0].data).toEqual([64]);
    const criteria = criteriaProgressOption('en-US', [
      { metric: 'a', progress: 0.5 },
      { metric: 'b', progress: null },
      { metric: 'c', progress: 3 },
    ]) as { series: { data: number[] }[] };
    expect(criteria.series[0].data).toEqual([50, 0, 150]);
  });
});
