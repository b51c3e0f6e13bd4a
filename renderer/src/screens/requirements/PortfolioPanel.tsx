// The portfolio's requirements panel: the top requirements by ARR at stake, and among the open
// ones (not yet released or declined) those asked by accounts renewing within 90 days, i.e. the
// needs that stand in the way of renewals. Follows the portfolio's tier and CSM filters.
import { Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RequirementStatus } from '../../../../shared/domain/entities/requirement';
import {
  CLOSED_STATUSES,
  requirementStatuses,
} from '../../../../shared/domain/entities/requirement';
import { useApi } from '../../api/hooks';
import { useLocale } from '../../i18n';
import type { RequirementRow } from './types';

const TOP = 5;
const OPEN: RequirementStatus[] = requirementStatuses.filter((s) => !CLOSED_STATUSES.includes(s));
const money = (value: number) => Math.round(value).toLocaleString();

export function RequirementsPanel({ tier, csm }: { tier: string[]; csm: string[] }) {
  const { t, label, locale } = useLocale();
  const filters = {
    ...(tier.length ? { tier: tier as never } : {}),
    ...(csm.length ? { csm } : {}),
    locale,
    sort: 'arrAtStake' as const,
  };
  const [page, setPage] = useState(1);
  const filterKey = `${tier.join(',')}|${csm.join(',')}`;
  useEffect(() => setPage(1), [filterKey]);
  const top = useApi('requirements.list', { ...filters, limit: TOP });
  // Exact: the query keeps the open requirements asked by accounts renewing soon, one page each.
  const blocking = useApi('requirements.list', {
    ...filters,
    status: OPEN,
    renewingSoon: true,
    offset: (page - 1) * TOP,
    limit: TOP,
  });
  const blockingTotal = blocking.data?.total ?? 0;
  const item = (r: RequirementRow, renewing: boolean) => (
    <List.Item data-testid={renewing ? 'portfolio-req-blocking' : 'portfolio-req-top'}>
      <Space size={4} wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <a href={`#/requirement/${encodeURIComponent(r.id)}`}>{r.title}</a>
        <Space size={4}>
          <Tag>{label('requirementStatus', r.status)}</Tag>
          <Typography.Text>
            {renewing
              ? `${money(r.arrRenewingSoon)} / ${money(r.arrAtStake)}`
              : money(r.arrAtStake)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('requirementsUi.card.accounts', { n: r.accounts })}
          </Typography.Text>
          {r.renewalsSoon > 0 && (
            <Tag color="orange">{t('requirementsUi.card.renewalsSoon', { n: r.renewalsSoon })}</Tag>
          )}
        </Space>
      </Space>
    </List.Item>
  );
  return (
    <Card
      size="small"
      data-testid="portfolio-requirements"
      title={t('requirementsUi.portfolio.title')}
      loading={top.isLoading}
      extra={<a href="#/requirements">{t('requirementsUi.portfolio.all')}</a>}
    >
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Typography.Text type="secondary">
            {t('requirementsUi.board.count', {
              shown: Math.min(TOP, top.data?.total ?? 0).toLocaleString(locale),
              total: (top.data?.total ?? 0).toLocaleString(locale),
            })}
          </Typography.Text>
          <List
            size="small"
            dataSource={top.data?.items ?? []}
            locale={{ emptyText: t('requirementsUi.portfolio.none') }}
            renderItem={(r) => item(r, false)}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('requirementsUi.portfolio.blocking')}</Typography.Text>
          <div>
            <Typography.Text type="secondary" data-testid="portfolio-req-blocking-count">
              {t('requirementsFix.portfolio.blockingCount', {
                n: blockingTotal.toLocaleString(locale),
              })}
            </Typography.Text>
          </div>
          <List
            size="small"
            loading={blocking.isLoading}
            dataSource={blocking.data?.items ?? []}
            pagination={{
              current: page,
              pageSize: TOP,
              total: blockingTotal,
              onChange: setPage,
              hideOnSinglePage: true,
              size: 'small',
            }}
            locale={{ emptyText: t('requirementsUi.portfolio.none') }}
            renderItem={(r) => item(r, true)}
          />
        </Col>
      </Row>
    </Card>
  );
}
