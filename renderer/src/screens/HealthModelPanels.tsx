// The health model editor's panels (issue 14): the live sum of a profile's weight shares, the
// preview of a draft's effect on every account, and the model's version history with restore.
import { Alert, Button, Card, Form, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { ModelPreview, ModelVersion, PreviewRow } from '../../../shared/api/health';
import type { Tier } from '../../../shared/domain/health/model';
import {
  healthDimensions,
  WEIGHT_TOTAL,
  weightSum,
  type HealthDimension,
  type Rule,
} from '../../../shared/domain/health/model';
import type { ModelChange } from '../../../shared/domain/health/modelDiff';
import { enumLabel } from '../../../shared/i18n/enumLabel';
import { useApi } from '../api/hooks';
import { usePersonName } from '../api/people';
import { useLocale } from '../i18n';
import { BAND_TAG_COLORS } from '../workspace/healthWords';

const at = (iso?: string) => (iso ?? '').slice(0, 16).replace('T', ' ');

/** A profile's weights added up as typed, against 100 %; the refusal of a save shows here. */
export function WeightSum({
  form,
  tier,
  error,
}: {
  form: FormInstance;
  tier: Tier;
  error?: string;
}) {
  const { t } = useLocale();
  const weights = Form.useWatch(['profiles', tier, 'weights'], form) as
    Record<HealthDimension, number | null> | undefined;
  const sum = weightSum(
    weights ?? (Object.fromEntries(healthDimensions.map((d) => [d, 0])) as Record<string, 0>),
  );
  const ok = Math.abs(sum - WEIGHT_TOTAL) < 1e-6;
  return (
    <div style={{ marginBottom: 8 }}>
      <Space>
        <Typography.Text
          strong
          type={ok ? 'success' : 'danger'}
          data-testid={`weight-sum-${tier}`}
          data-ok={ok}
        >
          {t('healthModelUi.sum', { sum })}
        </Typography.Text>
        <Typography.Text type="secondary">{t('healthModelUi.sumHint')}</Typography.Text>
      </Space>
      {error && (
        <div role="alert">
          <Typography.Text type="danger" data-testid={`weight-sum-error-${tier}`}>
            {error}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/** Whether the typed shares of a tier add up to 100 % (for the tab's mark). */
export function useSumOk(form: FormInstance, tier: Tier): boolean {
  const weights = Form.useWatch(['profiles', tier, 'weights'], form) as
    Record<HealthDimension, number | null> | undefined;
  return !weights || Math.abs(weightSum(weights) - WEIGHT_TOTAL) < 1e-6;
}

export const PREVIEW_PAGE = 10;

/** The draft's effect: counts per band move and the accounts that move, paged by the backend. */
export function PreviewPanel({
  preview,
  stale,
  loading,
  onPage,
}: {
  preview: ModelPreview;
  stale: boolean;
  loading: boolean;
  onPage: (offset: number) => void;
}) {
  const { t } = useLocale();
  const person = usePersonName();
  const band = (b: string) => enumLabel(t, 'healthBand', b);
  const bandTag = (score: number, b: string) => (
    <Tag color={BAND_TAG_COLORS[b]}>
      {score} · {band(b)}
    </Tag>
  );
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="model-preview"
      title={
        preview.total
          ? t('healthModelUi.preview.title', { accounts: preview.accounts, total: preview.total })
          : t('healthModelUi.preview.none', { changed: preview.scoreChanged })
      }
      extra={
        <Typography.Text type="secondary">
          {t('healthModelUi.preview.nothingSaved')}
        </Typography.Text>
      }
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="model-preview-stale"
          title={t('healthModelUi.preview.stale')}
        />
      )}
      {preview.moves.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }} data-testid="model-preview-moves">
          {preview.moves.map((m) => (
            <Tag key={`${m.from}-${m.to}`} color={BAND_TAG_COLORS[m.to]}>
              {t('healthModelUi.preview.move', {
                count: m.count,
                from: band(m.from),
                to: band(m.to),
              })}
            </Tag>
          ))}
        </Space>
      )}
      {preview.total > 0 && (
        <Table<PreviewRow>
          size="small"
          rowKey="accountId"
          loading={loading}
          dataSource={preview.items}
          data-testid="model-preview-table"
          pagination={{
            current: Math.floor(preview.offset / PREVIEW_PAGE) + 1,
            pageSize: PREVIEW_PAGE,
            total: preview.total,
            showSizeChanger: false,
            showTotal: (total, [from, to]) => t('healthModelUi.preview.range', { from, to, total }),
            onChange: (page) => onPage((page - 1) * PREVIEW_PAGE),
          }}
          columns={[
            {
              title: t('healthModelUi.col.account'),
              dataIndex: 'name',
              render: (name: string, r) => (
                <a href={`#/account/${encodeURIComponent(r.accountId)}/health`}>{name}</a>
              ),
            },
            {
              title: t('healthModelUi.col.tier'),
              dataIndex: 'tier',
              render: (tier: string) => enumLabel(t, 'tier', tier),
            },
            {
              title: t('healthModelUi.col.owner'),
              dataIndex: 'ownerCsm',
              render: (login: string | null) => (login ? person(login) : '–'),
            },
            {
              title: t('healthModelUi.col.old'),
              key: 'old',
              render: (_, r) => bandTag(r.oldScore, r.oldBand),
            },
            {
              title: t('healthModelUi.col.new'),
              key: 'new',
              render: (_, r) => bandTag(r.newScore, r.newBand),
            },
          ]}
        />
      )}
    </Card>
  );
}

const HISTORY_PAGE = 5;

/** The saved versions, newest first: who, when, what changed; an earlier one can come back. */
export function HistoryPanel({
  pathLabel,
  readOnly,
  restoring,
  onRestore,
}: {
  pathLabel: (path: (string | number)[]) => string;
  readOnly: boolean;
  restoring: string | null;
  onRestore: (version: ModelVersion) => void;
}) {
  const { t } = useLocale();
  const person = usePersonName();
  const [offset, setOffset] = useState(0);
  const history = useApi('health.model.history', { offset, limit: HISTORY_PAGE });
  const value = (path: string[], v: ModelChange['from']) => {
    if (v === null) return '–';
    if (Array.isArray(v)) return (v as Rule).map(([raw, score]) => `${raw}→${score}`).join(', ');
    if (path[2] === 'weights') return t('healthModelUi.share', { value: v });
    return String(v);
  };
  const data = history.data;
  return (
    <Card
      size="small"
      title={t('healthModelUi.history')}
      style={{ marginTop: 16 }}
      data-testid="model-history"
      extra={
        data ? (
          <Typography.Text type="secondary">
            {t('healthModelUi.history.total', { total: data.total })}
          </Typography.Text>
        ) : null
      }
    >
      {data && data.total === 0 ? (
        <Typography.Text type="secondary" data-testid="model-history-empty">
          {t('healthModelUi.history.empty')}
        </Typography.Text>
      ) : (
        <List<ModelVersion>
          loading={history.isLoading}
          dataSource={data?.items ?? []}
          pagination={
            data && data.total > HISTORY_PAGE
              ? {
                  current: Math.floor(offset / HISTORY_PAGE) + 1,
                  pageSize: HISTORY_PAGE,
                  total: data.total,
                  size: 'small',
                  onChange: (page) => setOffset((page - 1) * HISTORY_PAGE),
                }
              : false
          }
          renderItem={(v, i) => (
            <List.Item
              data-testid={`model-version-${offset + i}`}
              actions={[
                v.current ? (
                  <Tag color="blue" key="current">
                    {t('healthModelUi.history.current')}
                  </Tag>
                ) : (
                  <Popconfirm
                    key="restore"
                    title={t('healthModelUi.history.restoreConfirm')}
                    okButtonProps={{ ...{ 'data-testid': 'model-restore-confirm' } }}
                    onConfirm={() => onRestore(v)}
                    disabled={readOnly}
                  >
                    <Button
                      size="small"
                      disabled={readOnly}
                      loading={restoring === v.id}
                      data-testid={`model-restore-${offset + i}`}
                    >
                      {t('healthModelUi.history.restore')}
                    </Button>
                  </Popconfirm>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <span data-testid="model-version-title">
                    {v.kind === 'restore' && v.restoredFrom
                      ? t('healthModelUi.history.restored', {
                          by: person(v.by),
                          at: at(v.at),
                          fromBy: v.restoredFrom.by ? person(v.restoredFrom.by) : '–',
                          fromAt: at(v.restoredFrom.at) || '–',
                        })
                      : t('healthModelUi.history.saved', { by: person(v.by), at: at(v.at) })}
                    {' · '}
                    {v.name}
                  </span>
                }
                description={
                  v.changes.length === 0 ? (
                    t('healthModelUi.history.noChange')
                  ) : (
                    <>
                      {offset + i === (data?.total ?? 0) - 1 && (
                        <Typography.Text type="secondary">
                          {t('healthModelUi.history.first')}
                        </Typography.Text>
                      )}
                      <ul
                        style={{ margin: 0, paddingInlineStart: 20 }}
                        data-testid="model-version-changes"
                      >
                        {v.changes.map((c) => (
                          <li key={c.path.join('.')}>
                            {pathLabel(c.path)}: {value(c.path, c.from)} → {value(c.path, c.to)}
                          </li>
                        ))}
                      </ul>
                    </>
                  )
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
