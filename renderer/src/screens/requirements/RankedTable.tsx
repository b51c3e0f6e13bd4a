// Requirements ranked by score (or by ARR at stake), paged by the backend: the table says how
// many of how many it shows and pages on; the rank is the row's place in the whole ranking.
import { Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ProductArea } from '../../../../shared/domain/entities/requirement';
import { useApi } from '../../api/hooks';
import { useLocale } from '../../i18n';
import type { BoardFilters, RequirementRow } from './types';

const money = (value: number) => Math.round(value).toLocaleString();

export function RankedTable({
  filters,
  testId,
  titleArea,
  pageSize: initialSize = 20,
}: {
  filters: BoardFilters;
  testId: string;
  /** A table of one product area (the by-area view) shows it as its title. */
  titleArea?: ProductArea;
  pageSize?: number;
}) {
  const { t, label, locale } = useLocale();
  const [page, setPage] = useState({ current: 1, size: initialSize });
  const [sort, setSort] = useState<'score' | 'arrAtStake'>('score');
  const list = useApi('requirements.list', {
    ...filters,
    sort,
    locale,
    offset: (page.current - 1) * page.size,
    limit: page.size,
  });
  const total = list.data?.total ?? 0;
  const offset = (page.current - 1) * page.size;
  const table = (
    <Table<RequirementRow>
      data-testid={testId}
      size="small"
      rowKey="id"
      loading={list.isLoading}
      dataSource={list.data?.items ?? []}
      onChange={(_p, _f, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        setSort(s?.columnKey === 'arrAtStake' && s.order ? 'arrAtStake' : 'score');
        setPage((p) => ({ ...p, current: 1 }));
      }}
      pagination={{
        current: page.current,
        pageSize: page.size,
        total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        hideOnSinglePage: false,
        showTotal: (n, [from, to]) =>
          t('requirementsUi.board.count', {
            shown: n ? `${from}-${to}` : '0',
            total: n.toLocaleString(locale),
          }),
        onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
      }}
      columns={[
        {
          title: t('requirementsUi.col.rank'),
          key: 'rank',
          width: 64,
          render: (_: unknown, _row, i) => offset + i + 1,
        },
        {
          title: t('requirementsUi.col.title'),
          dataIndex: 'title',
          render: (title: string, row) => (
            <a href={`#/requirement/${encodeURIComponent(row.id)}`} data-testid="ranked-open">
              {title}
            </a>
          ),
        },
        {
          title: t('requirementsUi.col.status'),
          dataIndex: 'status',
          width: 110,
          render: (s: RequirementRow['status']) => <Tag>{label('requirementStatus', s)}</Tag>,
        },
        ...(titleArea
          ? []
          : [
              {
                title: t('requirementsUi.col.area'),
                dataIndex: 'productArea',
                width: 120,
                render: (a: ProductArea) => label('productArea', a),
              },
            ]),
        {
          title: t('requirementsUi.col.score'),
          key: 'score',
          dataIndex: 'score',
          width: 80,
          align: 'right' as const,
          sorter: true,
          sortOrder: sort === 'score' ? ('descend' as const) : null,
          sortDirections: ['descend' as const],
          render: (v: number) => <span data-testid="ranked-score">{Math.round(v)}</span>,
        },
        {
          title: t('requirementsUi.col.accounts'),
          dataIndex: 'accounts',
          width: 80,
          align: 'right' as const,
        },
        {
          title: t('requirementsUi.col.arr'),
          key: 'arrAtStake',
          dataIndex: 'arrAtStake',
          width: 120,
          align: 'right' as const,
          sorter: true,
          sortOrder: sort === 'arrAtStake' ? ('descend' as const) : null,
          sortDirections: ['descend' as const],
          render: money,
        },
        {
          title: t('requirementsUi.col.renewals'),
          dataIndex: 'renewalsSoon',
          width: 110,
          align: 'right' as const,
          render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : '—'),
        },
      ]}
    />
  );
  if (!titleArea) return table;
  return (
    <Card
      size="small"
      title={
        <Typography.Text strong>
          {label('productArea', titleArea)} ·{' '}
          {t('requirementsUi.board.total', { total: total.toLocaleString(locale) })}
        </Typography.Text>
      }
    >
      {table}
    </Card>
  );
}
