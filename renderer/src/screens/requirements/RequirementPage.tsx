// One requirement: its scenario, status and release, the score with why in words, the ARR at
// stake (renewals within 90 days marked), the product's solution, and every account that asked
// with who asked, their confirmation of the solution and whether they were told it shipped.
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { RequirementStatus } from '../../../../shared/domain/entities/requirement';
import { useApi } from '../../api/hooks';
import { errorText } from '../../errorText';
import { useLocale } from '../../i18n';
import { AsksTable } from './AsksTable';
import { EditRequirementDialog, SolutionDialog } from './EditDialogs';
import { MergeDialog } from './MergeDialog';
import { MoveDialog, type MoveRequest } from './MoveDialog';
import { BOARD_COLUMNS } from './moves';

const money = (value: number) => Math.round(value).toLocaleString();

export function RequirementPage({ id }: { id: string }) {
  const { t, label, locale } = useLocale();
  const view = useApi('requirements.get', { id, locale });
  const [editing, setEditing] = useState<'fields' | 'solution' | 'merge' | null>(null);
  const [move, setMove] = useState<MoveRequest | null>(null);
  if (view.isLoading) return <Skeleton active />;
  if (view.error || !view.data)
    return (
      <Result
        status="404"
        title={t('requirementsUi.page.notFound')}
        subTitle={view.error ? errorText(t, view.error) : undefined}
        extra={<Button href="#/requirements">{t('requirementsUi.page.back')}</Button>}
      />
    );
  const r = view.data;
  const req = r.requirement;
  const row = {
    id: req._id,
    rev: req._rev!,
    title: req.title,
    status: req.status,
    release: req.release,
  };
  return (
    <div data-testid="screen-requirement">
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <a href="#/requirements">← {t('requirementsUi.page.back')}</a>
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="requirement-title">
            {req.title}
          </Typography.Title>
          <Tag color="blue" data-testid="requirement-status">
            {label('requirementStatus', req.status)}
          </Tag>
          <Tag>{label('productArea', req.productArea)}</Tag>
          {req.release && (
            <Tag color="green" data-testid="requirement-release">
              {t('requirementsUi.page.release')} {req.release}
            </Tag>
          )}
        </Space>
        {req.mergedInto && (
          <Alert
            type="warning"
            showIcon
            data-testid="requirement-merged"
            title={t('requirementsUi.page.mergedInto')}
            action={
              <Button size="small" href={`#/requirement/${encodeURIComponent(req.mergedInto)}`}>
                {t('requirementsUi.page.openMerged')}
              </Button>
            }
          />
        )}
        <Space wrap>
          <Select<RequirementStatus>
            style={{ minWidth: 180 }}
            data-testid="requirement-move"
            value={req.status}
            disabled={!!req.mergedInto}
            onChange={(to) => setMove({ row, to })}
            options={BOARD_COLUMNS.map((s) => ({ value: s, label: label('requirementStatus', s) }))}
          />
          <Button data-testid="requirement-edit" onClick={() => setEditing('fields')}>
            {t('requirementsUi.page.edit')}
          </Button>
          <Button
            data-testid="requirement-merge"
            disabled={!!req.mergedInto}
            onClick={() => setEditing('merge')}
          >
            {t('requirementsUi.page.merge')}
          </Button>
          <Typography.Text type="secondary">{t('requirementsUi.page.managerOnly')}</Typography.Text>
        </Space>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card size="small">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('requirementsUi.page.scenario')}>
                  <span style={{ whiteSpace: 'pre-wrap' }} data-testid="requirement-scenario">
                    {req.scenario}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('requirementsUi.page.workaround')}>
                  {req.workaround ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('requirementsUi.page.blocks')}>
                  {req.blocks ?? '—'}
                </Descriptions.Item>
                {req.status === 'declined' && (
                  <Descriptions.Item label={t('requirementsUi.page.declineReason')}>
                    {req.declineReason}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card
              size="small"
              style={{ marginTop: 16 }}
              title={t('requirementsUi.page.solution')}
              extra={
                <Button
                  size="small"
                  data-testid="requirement-solution-edit"
                  onClick={() => setEditing('solution')}
                >
                  {t('requirementsUi.page.setSolution')}
                </Button>
              }
            >
              {req.solution ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  <span data-testid="requirement-solution">{req.solution}</span>
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">
                  {t('requirementsUi.page.noSolution')}
                </Typography.Text>
              )}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('requirementsUi.page.solutionHint')}
                </Typography.Text>
              </div>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" data-testid="requirement-score-card">
              <Space size={32} wrap>
                <Statistic
                  title={t('requirementsUi.page.score')}
                  value={Math.round(r.score.score)}
                  valueRender={(node) => <span data-testid="requirement-score">{node}</span>}
                />
                <Statistic
                  title={t('requirementsUi.page.arr')}
                  value={money(r.arrAtStake)}
                  valueRender={(node) => <span data-testid="requirement-arr">{node}</span>}
                />
              </Space>
              {r.renewalsSoon > 0 && (
                <div>
                  <Tag color="orange" data-testid="requirement-renewals">
                    {t('requirementsUi.page.renewalsSoon', { n: r.renewalsSoon })}
                  </Tag>
                </div>
              )}
              <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
                {t('requirementsUi.page.why')}
              </Typography.Text>
              <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="requirement-why">
                {r.score.explanation[locale].map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </Card>
          </Col>
        </Row>
        <Card size="small" title={t('requirementsUi.page.asks', { n: r.asks.length })}>
          <AsksTable requirement={r} />
        </Card>
      </Space>
      {move && (
        <MoveDialog request={move} onClose={() => setMove(null)} onMoved={() => setMove(null)} />
      )}
      {editing === 'fields' && (
        <EditRequirementDialog requirement={req} onClose={() => setEditing(null)} />
      )}
      {editing === 'solution' && (
        <SolutionDialog requirement={req} onClose={() => setEditing(null)} />
      )}
      {editing === 'merge' && (
        <MergeDialog
          from={{ id: req._id, title: req.title }}
          locale={locale}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
