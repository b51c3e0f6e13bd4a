// One group of Today: its title with "shown of total", a page of items, "more" for the next
// page (each page its own request, so nothing is capped), folding away, and the group's own
// filter (overdue only for tasks, a severity for alerts). The page size keeps Today one screen.
import { Button, Card, Empty, List, Select, Space, Switch, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { TodayGroup, TodayGroupItems, TodayPage } from '../../../../shared/api/tasks';
import { useApi } from '../../api/hooks';
import type { MessageKey } from '../../../../shared/i18n';
import { useLocale } from '../../i18n';

export const PAGE_SIZE = 5;

export interface GroupFilter {
  scope: 'mine' | 'all';
  q?: string;
}

interface Toggles {
  overdueOnly?: boolean;
  severity?: boolean;
}

type Severity = 'high' | 'medium' | 'low';

function GroupPage<G extends TodayGroup>(props: {
  group: G;
  input: Record<string, unknown>;
  offset: number;
  renderItem: (item: TodayGroupItems[G], page: TodayPage<G>) => ReactNode;
}) {
  const page = useApi('today.group', {
    group: props.group,
    ...props.input,
    offset: props.offset,
    limit: PAGE_SIZE,
  } as never);
  const data = page.data as TodayPage<G> | undefined;
  if (!data) return null;
  return (
    <List
      size="small"
      split
      dataSource={data.items as TodayGroupItems[G][]}
      renderItem={(item) => props.renderItem(item, data)}
    />
  );
}

export function TodayGroupCard<G extends TodayGroup>(props: {
  group: G;
  title: string;
  testId: string;
  filter: GroupFilter;
  toggles?: Toggles;
  /** Folded at first (the lower groups). */
  collapsed?: boolean;
  renderItem: (item: TodayGroupItems[G], page: TodayPage<G>) => ReactNode;
}) {
  const { t } = useLocale();
  const [open, setOpen] = useState(!props.collapsed);
  const [pages, setPages] = useState(1);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [severity, setSeverity] = useState<Severity | undefined>();
  const input = {
    ...props.filter,
    ...(overdueOnly ? { overdueOnly: true } : {}),
    ...(severity ? { severity } : {}),
  };
  // The first page also gives the total (and is what a folded group asks for its count).
  const first = useApi('today.group', {
    group: props.group,
    ...input,
    offset: 0,
    limit: PAGE_SIZE,
  } as never);
  const head = first.data as TodayPage<G> | undefined;
  const total = head?.total ?? 0;
  const shown = Math.min(total, pages * PAGE_SIZE);
  const reset = () => setPages(1);
  const count = head && (
    <Typography.Text type="secondary" data-testid={`${props.testId}-count`}>
      {t('tasks.count', { shown: open ? shown : 0, total })}
    </Typography.Text>
  );
  const extra = (
    <Space size={8} onClick={(e) => e.stopPropagation()}>
      {open && props.toggles?.overdueOnly && (
        <Space size={4}>
          <Switch
            size="small"
            checked={overdueOnly}
            data-testid={`${props.testId}-overdue-only`}
            onChange={(v) => {
              setOverdueOnly(v);
              reset();
            }}
          />
          <Typography.Text type="secondary">{t('tasks.overdueOnly')}</Typography.Text>
        </Space>
      )}
      {open && props.toggles?.severity && (
        <Select
          size="small"
          allowClear
          style={{ width: 110 }}
          placeholder={t('tasks.allSeverities')}
          data-testid={`${props.testId}-severity`}
          value={severity}
          onChange={(v?: Severity) => {
            setSeverity(v);
            reset();
          }}
          options={(['high', 'medium', 'low'] as const).map((s) => ({
            value: s,
            label: t(`health.severity.${s}` as MessageKey),
          }))}
        />
      )}
      {count}
    </Space>
  );
  return (
    <Card
      size="small"
      data-testid={props.testId}
      data-open={open ? 'true' : 'false'}
      loading={first.isLoading}
      title={
        <Typography.Link
          data-testid={`${props.testId}-toggle`}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          style={{ color: 'inherit' }}
        >
          {open ? '▾' : '▸'} {props.title}
        </Typography.Link>
      }
      extra={extra}
      styles={{ body: open ? { padding: '0 12px' } : { display: 'none' } }}
    >
      {open && head && (
        <>
          {total === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('ui.today.nothing')}
              style={{ margin: 8 }}
            />
          ) : (
            <>
              <List
                size="small"
                dataSource={head.items as TodayGroupItems[G][]}
                renderItem={(item) => props.renderItem(item, head)}
              />
              {Array.from({ length: pages - 1 }, (_, i) => (
                <GroupPage
                  key={i + 1}
                  group={props.group}
                  input={input}
                  offset={(i + 1) * PAGE_SIZE}
                  renderItem={props.renderItem}
                />
              ))}
            </>
          )}
          {(shown < total || pages > 1) && (
            <Space style={{ padding: '4px 0' }}>
              {shown < total && (
                <Button
                  size="small"
                  type="link"
                  data-testid={`${props.testId}-more`}
                  onClick={() => setPages(pages + 1)}
                >
                  {t('tasks.more', { count: Math.min(PAGE_SIZE, total - shown) })}
                </Button>
              )}
              {pages > 1 && (
                <Button size="small" type="link" onClick={reset}>
                  {t('tasks.collapse')}
                </Button>
              )}
            </Space>
          )}
          {props.group === 'alerts' && head.hidden ? (
            <Typography.Text type="secondary" style={{ display: 'block', paddingBottom: 4 }}>
              {t('tasks.countHidden', { hidden: head.hidden })}
            </Typography.Text>
          ) : null}
        </>
      )}
    </Card>
  );
}
