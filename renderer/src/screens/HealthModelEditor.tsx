// The managers' health model editor: weights, thresholds, cadence and renewal window per tier
// profile, each dimension's rule (raw value -> 0-100 points) and the alert thresholds. Checked with
// the backend's own schema; a stale revision keeps what was typed; a save recomputes the scores.
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Skeleton,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { StoredModel } from '../../../shared/api/health';
import { tiers } from '../../../shared/domain/entities/account';
import {
  healthDimensions,
  healthModelFields,
  type HealthModel,
} from '../../../shared/domain/health/model';
import type { MessageKey } from '../../../shared/i18n';
import { ApiCallError } from '../api/client';
import { useApi, useApiClient } from '../api/hooks';
import { fieldErrorsOf, showFieldErrors, validate, type FieldError } from '../forms';
import { useLocale } from '../i18n';
import { usePersonName } from '../api/people';
import { enumLabel } from '../../../shared/i18n/enumLabel';
import { errorText } from '../errorText';

const ALERT_FIELDS = [
  'lowActivation',
  'usageDrop',
  'usageLookbackDays',
  'seatGrowth',
  'seatGrowthDays',
  'keyPersonLeftDays',
] as const;

export function HealthModelEditor() {
  const { t } = useLocale();
  const stored = useApi('health.model.get', {}, { refetchOnWindowFocus: false });
  const sync = useApi('sync.status', {});
  if (stored.isLoading) return <Skeleton active />;
  if (stored.error || !stored.data)
    return <Result status="error" title={stored.error ? errorText(t, stored.error) : undefined} />;
  // The team server takes the model from managers only: a signed-in CSM reads it but cannot
  // save a change that would be refused on the next push. Without a team server, anyone edits.
  const roles = sync.data?.connected ? sync.data.roles : undefined;
  const readOnly = roles !== undefined && !roles.some((r) => r === 'manager' || r === '_admin');
  return (
    <div data-testid="screen-health-model">
      <Typography.Title level={3}>{t('healthUi.model.title')}</Typography.Title>
      {readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="model-read-only"
          title={t('healthUi.model.readOnly', { user: sync.data?.user ?? '' })}
        />
      )}
      {/* Mounted once with what was loaded: later refetches never overwrite what is typed. */}
      <ModelForm initial={stored.data} readOnly={readOnly} />
    </div>
  );
}

/** Backend paths are `model.<field>`; the form's names are the model's own. */
const withoutModelPrefix = (fields: FieldError[]): FieldError[] =>
  fields.map((f) => (f.name[0] === 'model' ? { ...f, name: f.name.slice(1) } : f));

function ModelForm({ initial, readOnly }: { initial: StoredModel; readOnly: boolean }) {
  const { t } = useLocale();
  const person = usePersonName();
  const { message } = AntApp.useApp();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HealthModel>();
  const [base, setBase] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState<StoredModel | null>(null);
  /** Errors of whole lists (a rule, a profile's weights) and of paths without a field. */
  const [listErrors, setListErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<{ accounts: number; changed: number } | null>(null);

  /** A model path in words: "规则 › NPS", "战略 › 维度权重". */
  const pathLabel = (path: (string | number)[]) =>
    path
      .map((p) => {
        if (typeof p === 'number') return `#${p + 1}`;
        if ((healthDimensions as readonly string[]).includes(p))
          return t(`health.dimension.${p}` as MessageKey);
        if ((tiers as readonly string[]).includes(p)) return enumLabel(t, 'tier', p);
        const words: Record<string, MessageKey> = {
          rules: 'healthUi.model.rules',
          profiles: 'healthUi.model.profiles',
          weights: 'healthUi.model.weights',
          thresholds: 'healthUi.model.thresholds',
          alerts: 'healthUi.model.alerts',
        };
        return words[p] ? t(words[p]) : p;
      })
      .join(' › ');

  /** Errors on their fields; those of whole lists (a rule, a profile's weights) listed above. */
  const showErrors = (fields: FieldError[]) => {
    const own = withoutModelPrefix(fields);
    const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    showFieldErrors(form, own);
    setListErrors(
      own
        .filter((f) => !registered.has(JSON.stringify(f.name)))
        .map((f) => `${pathLabel(f.name)}: ${f.errors.join(', ')}`),
    );
  };

  /** Errors from the last save go once the user edits or saves again (no per-field rules). */
  const clearErrors = (names?: (string | number)[][]) => {
    const stale = form.getFieldsError().filter((f) => f.errors.length);
    const matches = (n: (string | number)[]) =>
      !names || names.some((m) => JSON.stringify(m) === JSON.stringify(n));
    showFieldErrors(
      form,
      stale.filter((f) => matches(f.name)).map((f) => ({ name: f.name, errors: [] })),
    );
  };

  const save = async (rev: string | undefined) => {
    clearErrors();
    setListErrors([]);
    setSaved(null);
    const checked = validate(healthModelFields, form.getFieldsValue(true), t);
    if (!checked.ok) {
      showErrors(checked.fields);
      message.error(t('healthUi.model.invalid'));
      return;
    }
    setSaving(true);
    try {
      const next = await client.call('health.model.save', { model: checked.data, rev });
      setBase(next);
      setStale(null);
      const report = await client.call('health.recompute', {});
      setSaved({ accounts: report.accounts, changed: report.bandChanged });
      await queryClient.invalidateQueries();
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'CONFLICT') {
        // Someone saved meanwhile: say who and when, keep the form as typed.
        setStale(await client.call('health.model.get', {}));
      } else {
        const { fields, general } = fieldErrorsOf(error, t);
        showErrors(fields);
        setListErrors((previous) => [...previous, ...general]);
      }
    } finally {
      setSaving(false);
    }
  };

  const loadTheirs = () => {
    if (!stale) return;
    form.resetFields();
    form.setFieldsValue(stale.model);
    setBase(stale);
    setStale(null);
  };

  const number = (name: (string | number)[], label: string, step = 1, testId?: string) => (
    <Form.Item name={name} label={label} style={{ marginBottom: 8 }}>
      <InputNumber step={step} style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial.model}
      data-testid="health-model-form"
      onFieldsChange={(changed) => clearErrors(changed.map((f) => f.name as (string | number)[]))}
      onValuesChange={() => setSaved(null)}
    >
      <Space wrap align="end" style={{ marginBottom: 16 }}>
        <Form.Item name="name" label={t('healthUi.model.name')} style={{ marginBottom: 0 }}>
          <Input style={{ width: 240 }} data-testid="model-name" />
        </Form.Item>
        <Button
          type="primary"
          loading={saving}
          disabled={readOnly}
          onClick={() => save(base.rev)}
          data-testid="model-save"
        >
          {t('healthUi.model.save')}
        </Button>
        <Button onClick={() => form.resetFields()}>{t('healthUi.model.reset')}</Button>
        <Typography.Text type="secondary" data-testid="model-state">
          {base.isDefault
            ? t('healthUi.model.default')
            : t('healthUi.model.updated', {
                by: person(base.updatedBy),
                at: (base.updatedAt ?? '').slice(0, 16).replace('T', ' '),
              })}
        </Typography.Text>
      </Space>
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="model-stale"
          title={t('healthUi.model.stale', {
            by: person(stale.updatedBy),
            at: (stale.updatedAt ?? '').slice(0, 16).replace('T', ' '),
          })}
          action={
            <Space orientation="vertical">
              <Button
                size="small"
                disabled={readOnly}
                onClick={() => save(stale.rev)}
                data-testid="model-keep-mine"
              >
                {t('healthUi.model.keepMine')}
              </Button>
              <Button size="small" onClick={loadTheirs} data-testid="model-load-theirs">
                {t('healthUi.model.loadTheirs')}
              </Button>
            </Space>
          }
        />
      )}
      {saved && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('healthUi.model.saved', saved)}
          data-testid="model-saved"
        />
      )}
      {listErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="model-errors"
          title={t('healthUi.model.invalid')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {listErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small" title={t('healthUi.model.profiles')} style={{ marginBottom: 16 }}>
        <Tabs
          items={tiers.map((tier) => ({
            key: tier,
            label: <span data-testid={`model-tier-${tier}`}>{enumLabel(t, 'tier', tier)}</span>,
            // Every profile's fields stay mounted, so errors land on them in any tab.
            forceRender: true,
            children: (
              <Row gutter={16}>
                <Col xs={24} lg={14}>
                  <Typography.Title level={5}>{t('healthUi.model.weights')}</Typography.Title>
                  <Row gutter={12}>
                    {healthDimensions.map((d) => (
                      <Col span={6} key={d}>
                        {number(
                          ['profiles', tier, 'weights', d],
                          t(`health.dimension.${d}`),
                          1,
                          `weight-${tier}-${d}`,
                        )}
                      </Col>
                    ))}
                  </Row>
                </Col>
                <Col xs={24} lg={10}>
                  <Typography.Title level={5}>{t('healthUi.model.thresholds')}</Typography.Title>
                  <Row gutter={12}>
                    <Col span={12}>
                      {number(['profiles', tier, 'thresholds', 'green'], t('healthUi.model.green'))}
                    </Col>
                    <Col span={12}>
                      {number(
                        ['profiles', tier, 'thresholds', 'yellow'],
                        t('healthUi.model.yellow'),
                        1,
                        `threshold-${tier}-yellow`,
                      )}
                    </Col>
                    <Col span={12}>
                      {number(['profiles', tier, 'cadenceDays'], t('healthUi.model.cadenceDays'))}
                    </Col>
                    <Col span={12}>
                      {number(
                        ['profiles', tier, 'renewalWindowDays'],
                        t('healthUi.model.renewalWindowDays'),
                      )}
                    </Col>
                  </Row>
                </Col>
              </Row>
            ),
          }))}
        />
      </Card>
      <Card size="small" title={t('healthUi.model.rules')} style={{ marginBottom: 16 }}>
        <Row gutter={[16, 8]}>
          {healthDimensions.map((d) => (
            <Col xs={24} md={12} xl={6} key={d}>
              <RuleEditor dimension={d} />
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('healthUi.model.alerts')}>
            <Row gutter={12}>
              {ALERT_FIELDS.map((a) => (
                <Col span={8} key={a}>
                  {number(
                    ['alerts', a],
                    t(`healthUi.model.alert.${a}` as MessageKey),
                    a === 'lowActivation' || a === 'usageDrop' ? 0.05 : 1,
                  )}
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('healthUi.model.historyLimit')}>
            {number(['historyLimit'], t('healthUi.model.historyLimit'))}
          </Card>
        </Col>
      </Row>
    </Form>
  );
}

/** One dimension's rule: points [raw, score], rising in raw value. */
function RuleEditor({ dimension }: { dimension: (typeof healthDimensions)[number] }) {
  const { t } = useLocale();
  return (
    <Card size="small" type="inner" title={t(`health.dimension.${dimension}`)}>
      <Form.List name={['rules', dimension]}>
        {(fields, { add, remove }) => (
          <>
            <Row gutter={8}>
              <Col span={10}>
                <Typography.Text type="secondary">{t('healthUi.model.raw')}</Typography.Text>
              </Col>
              <Col span={10}>
                <Typography.Text type="secondary">{t('healthUi.model.points')}</Typography.Text>
              </Col>
            </Row>
            {fields.map((field) => (
              <Row gutter={8} key={field.key}>
                <Col span={10}>
                  <Form.Item name={[field.name, 0]} style={{ marginBottom: 4 }}>
                    <InputNumber
                      style={{ width: '100%' }}
                      data-testid={`rule-${dimension}-${field.name}-raw`}
                    />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name={[field.name, 1]} style={{ marginBottom: 4 }}>
                    <InputNumber
                      style={{ width: '100%' }}
                      data-testid={`rule-${dimension}-${field.name}-score`}
                    />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Button
                    type="text"
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                    aria-label="remove"
                  >
                    ×
                  </Button>
                </Col>
              </Row>
            ))}
            <Button size="small" type="dashed" onClick={() => add([0, 0])}>
              {t('healthUi.model.addPoint')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
