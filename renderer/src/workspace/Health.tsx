// The account's health: score and band, why (the costliest factors in plain words), every
// dimension with its score and weight, the CSM's override with its reason, the score trend and
// the account's open alerts.
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Radio,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DatePicker } from '../components/DayPicker';
import type { Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { healthContract, type AccountHealth } from '../../../shared/api/health';
import { healthBands, profileFor, type HealthBand } from '../../../shared/domain/health/model';
import type { HealthFactor } from '../../../shared/domain/health/score';
import { useApi, useApiMutation } from '../api/hooks';
import { alertMessage } from '../components/AlertsCard';
import { compact, fieldErrorsOf, showFieldErrors, validate } from '../forms';
import { useLocale } from '../i18n';
import { hrefOf } from '../route';
import { BAND_TAG_COLORS, factorMeasure, factorSentence, whyFactors } from './healthWords';
import { usePersonName } from '../api/people';
import { enumLabel } from '../../../shared/i18n/enumLabel';

// ECharts loads with the tab, not with the app.
const ScoreTrendChart = lazy(() => import('../components/ScoreTrendChart'));

export function Health({ accountId, tier }: { accountId: string; tier: string }) {
  const { t, locale } = useLocale();
  const person = usePersonName();
  const health = useApi('health.account', { accountId });
  const model = useApi('health.model.get', {});
  const alerts = useApi('alerts.list', { accountId, limit: 20 });
  if (health.isLoading) return <Skeleton active />;
  if (health.error || !health.data)
    return <Alert type="error" showIcon title={health.error?.message} />;
  const h = health.data;
  const bandLabel = (band: string) => enumLabel(t, 'healthBand', band);
  const why = whyFactors(h.factors);
  const thresholds = model.data && profileFor(model.data.model, tier).thresholds;

  return (
    <Row gutter={[16, 16]} data-testid="account-health">
      <Col xs={24} lg={8}>
        <Card size="small" title={t('health.score.title')}>
          <Space align="center" size="large">
            <Statistic
              title={t('healthUi.score')}
              value={h.score}
              valueRender={(node) => <span data-testid="health-score">{node}</span>}
            />
            <Tag
              color={BAND_TAG_COLORS[h.band]}
              data-testid="health-band"
              data-band={h.band}
              style={{ fontSize: 16, padding: '4px 12px' }}
            >
              {bandLabel(h.band)}
            </Tag>
          </Space>
          {h.override && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              data-testid="health-override-banner"
              title={t('health.score.override', {
                band: bandLabel(h.override.band),
                reason: h.override.reason,
                by: person(h.override.by),
                on: h.override.on,
              })}
              description={t('healthUi.modelBand', {
                score: h.score,
                band: bandLabel(h.computedBand),
              })}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {h.live ? t('healthUi.live') : t('healthUi.computedOn', { date: h.computedOn })}
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card
          size="small"
          title={t('healthUi.why', { band: bandLabel(h.computedBand) })}
          data-testid="health-why"
        >
          {why.length ? (
            <List
              size="small"
              dataSource={why}
              renderItem={(f) => (
                <List.Item data-testid="health-why-item" data-dimension={f.dimension}>
                  <Space>
                    <Tag>{t(`health.dimension.${f.dimension}`)}</Tag>
                    {factorSentence(t, f)}
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            <Typography.Text type="secondary">{t('healthUi.whyNone')}</Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <DimensionsCard health={h} />
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('healthUi.trend')}>
          {h.history.length && thresholds ? (
            <Suspense fallback={<Skeleton active />}>
              <ScoreTrendChart locale={locale} history={h.history} thresholds={thresholds} />
            </Suspense>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('healthUi.trendEmpty')} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <OverrideCard health={h} />
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('healthUi.alerts')} loading={alerts.isLoading}>
          {alerts.data?.items.length ? (
            <List
              size="small"
              dataSource={alerts.data.items}
              renderItem={(a) => (
                <List.Item data-testid="health-alert">
                  <Space wrap>
                    <Tag>{t(`health.severity.${a.severity}`)}</Tag>
                    {alertMessage(t, a)}
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('portfolioUi.alerts.none')}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function DimensionsCard({ health: h }: { health: AccountHealth }) {
  const { t } = useLocale();
  return (
    <Card size="small" title={t('healthUi.dimensions')}>
      <Table<HealthFactor>
        size="small"
        rowKey="dimension"
        pagination={false}
        dataSource={h.factors}
        data-testid="health-dimensions"
        columns={[
          {
            title: t('healthUi.column.dimension'),
            dataIndex: 'dimension',
            render: (d: HealthFactor['dimension'], f) => (
              <Space orientation="vertical" size={0}>
                {t(`health.dimension.${d}`)}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {factorMeasure(t, f)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('healthUi.column.score'),
            dataIndex: 'score',
            align: 'right',
            render: (s: number) => Math.round(s),
          },
          {
            title: t('healthUi.column.weight'),
            dataIndex: 'weight',
            align: 'right',
            render: (w: number) => `${Math.round(w * 10) / 10}%`,
          },
          {
            title: t('healthUi.column.impact'),
            dataIndex: 'impact',
            align: 'right',
            render: (i: number) => Math.round(i * 10) / 10,
          },
        ]}
      />
      {h.missing.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('healthUi.missing', {
            dimensions: h.missing.map((d) => t(`health.dimension.${d}`)).join(', '),
          })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

interface OverrideValues {
  band?: HealthBand;
  reason?: string;
  expiresOn?: Dayjs;
}

/** Set (band + required reason + optional end) or clear (required reason) the override. */
function OverrideCard({ health: h }: { health: AccountHealth }) {
  const { t } = useLocale();
  const person = usePersonName();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OverrideValues>();
  const [clearForm] = Form.useForm<{ reason?: string }>();
  const [general, setGeneral] = useState<string[]>([]);
  const setOverride = useApiMutation('health.override.set');
  const clearOverride = useApiMutation('health.override.clear');
  const bandLabel = (band: string) => enumLabel(t, 'healthBand', band);

  const onSet = async (values: OverrideValues) => {
    setGeneral([]);
    const input = compact({
      accountId: h.accountId,
      band: values.band,
      reason: values.reason,
      expiresOn: values.expiresOn?.format('YYYY-MM-DD'),
    });
    const checked = validate(healthContract['health.override.set'].input, input, t);
    if (!checked.ok) return setGeneral(showFieldErrors(form, checked.fields));
    try {
      await setOverride.mutateAsync(checked.data as never);
      form.resetFields();
      message.success(t('healthUi.override.saved'));
    } catch (error) {
      const { fields, general: rest } = fieldErrorsOf(error, t);
      setGeneral([...showFieldErrors(form, fields), ...rest]);
    }
  };

  const onClear = async ({ reason }: { reason?: string }) => {
    setGeneral([]);
    try {
      await clearOverride.mutateAsync({ accountId: h.accountId, reason: reason?.trim() ?? '' });
      clearForm.resetFields();
      message.success(t('healthUi.override.cleared'));
    } catch (error) {
      const { fields, general: rest } = fieldErrorsOf(error, t);
      setGeneral([...showFieldErrors(clearForm, fields), ...rest]);
    }
  };

  const reasonRule = {
    required: true,
    whitespace: true,
    message: t('health.override.reasonRequired'),
  };
  return (
    <Card size="small" title={t('healthUi.override.title')} data-testid="health-override">
      {h.override ? (
        <Form form={clearForm} layout="inline" onFinish={onClear} style={{ marginBottom: 16 }}>
          <Form.Item name="reason" rules={[reasonRule]} style={{ flex: 1 }}>
            <Input
              placeholder={t('healthUi.override.clearReason')}
              data-testid="override-clear-reason"
            />
          </Form.Item>
          <Button htmlType="submit" loading={clearOverride.isPending} data-testid="override-clear">
            {t('healthUi.override.clear')}
          </Button>
        </Form>
      ) : (
        <Typography.Paragraph type="secondary">{t('healthUi.override.none')}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={onSet} data-testid="override-form">
        <Form.Item
          name="band"
          label={t('healthUi.override.band')}
          rules={[{ required: true, message: t('health.override.bandRequired') }]}
        >
          <Radio.Group optionType="button" data-testid="override-band">
            {healthBands.map((b) => (
              <Radio.Button key={b} value={b}>
                <span data-testid={`override-band-${b}`}>{bandLabel(b)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t('healthUi.override.reason')} rules={[reasonRule]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="override-reason" />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('healthUi.override.expiresOn')}>
          <DatePicker data-testid="override-expires" />
        </Form.Item>
        {general.length > 0 && (
          <Alert type="error" showIcon title={general.join('; ')} style={{ marginBottom: 12 }} />
        )}
        <Button
          type="primary"
          htmlType="submit"
          loading={setOverride.isPending}
          data-testid="override-save"
        >
          {t('healthUi.override.save')}
        </Button>
      </Form>
      {h.overrides.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('healthUi.override.history')}
          </Typography.Title>
          <List
            size="small"
            dataSource={h.overrides}
            renderItem={(o) => (
              <List.Item data-testid="override-history-item">
                {o.action === 'set'
                  ? t('healthUi.override.setEntry', {
                      by: person(o.by),
                      at: o.at.slice(0, 16).replace('T', ' '),
                      band: bandLabel(o.band ?? ''),
                      reason: o.reason,
                    })
                  : t('healthUi.override.clearEntry', {
                      by: person(o.by),
                      at: o.at.slice(0, 16).replace('T', ' '),
                      reason: o.reason,
                    })}
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

/** A small band tag that opens the account's Health tab (for the Overview). */
export function HealthBadge({ accountId }: { accountId: string }) {
  const { t } = useLocale();
  const health = useApi('health.account', { accountId });
  const band = health.data?.band;
  if (!band) return null;
  return (
    <a
      href={hrefOf({ screen: 'account', id: accountId, tab: 'health' })}
      data-testid="health-badge"
    >
      <Tag color={BAND_TAG_COLORS[band]}>
        {t('health.score.title')} {health.data?.score} · {enumLabel(t, 'healthBand', band)}
      </Tag>
    </a>
  );
}
