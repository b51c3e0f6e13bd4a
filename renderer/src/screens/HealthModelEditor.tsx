// The managers' health model editor: weights (shares of 100 %, summed live), thresholds, cadence
// and renewal window per tier profile, each dimension's rule (raw value -> 0-100 points) and the
// alert thresholds. Checked with the backend's own schema; a preview shows which accounts would
// change band before saving; a stale revision keeps what was typed; a save recomputes the scores;
// the version history says who changed what and restores an earlier version. What is typed is a
// draft (FormGuard): kept over a reload, and leaving the screen with changes asks first.
import {
  Alert,
  App as AntApp,
  Badge,
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
import type { ModelPreview, ModelVersion, StoredModel } from '../../../shared/api/health';
import { tiers } from '../../../shared/domain/entities/account';
import {
  healthDimensions,
  healthModelInput,
  type HealthModel,
  type Tier,
} from '../../../shared/domain/health/model';
import type { MessageKey } from '../../../shared/i18n';
import { ApiCallError } from '../api/client';
import { useApi, useApiClient } from '../api/hooks';
import { fieldErrorsOf, showFieldErrors, validate, type FieldError } from '../forms';
import { useLocale } from '../i18n';
import { usePersonName } from '../api/people';
import { enumLabel } from '../../../shared/i18n/enumLabel';
import { errorText } from '../errorText';
import { useFormGuard } from '../components/FormGuard';
import { HistoryPanel, PREVIEW_PAGE, PreviewPanel, useSumOk, WeightSum } from './HealthModelPanels';

/** What the last save or restore did, shown above the form it remounted. */
interface SaveNotice {
  kind: 'saved' | 'restored';
  accounts: number;
  changed: number;
}

/** The form's values: the model and the revision it was read at (kept in the draft too). */
type FormValues = HealthModel & { baseRev?: string | null };

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
  // After a save or a restore the form mounts again on the new version (a new draft, clean).
  const [current, setCurrent] = useState<{
    stored: StoredModel;
    generation: number;
    notice: SaveNotice | null;
  } | null>(null);
  // The tier tab open, kept when the form mounts again.
  const [tab, setTab] = useState<Tier>(tiers[0]);
  const sync = useApi('sync.status', {});
  if (stored.isLoading) return <Skeleton active />;
  if (stored.error || !stored.data)
    return <Result status="error" title={stored.error ? errorText(t, stored.error) : undefined} />;
  // The team server takes the model from managers only: a signed-in CSM reads it but cannot
  // save a change that would be refused on the next push. Without a team server, anyone edits.
  const roles = sync.data?.connected ? sync.data.roles : undefined;
  const readOnly = roles !== undefined && !roles.some((r) => r === 'manager' || r === '_admin');
  const shown = current?.stored ?? stored.data;
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
      <ModelForm
        key={current?.generation ?? 0}
        initial={shown}
        notice={current?.notice ?? null}
        readOnly={readOnly}
        tab={tab}
        onTab={setTab}
        onSaved={(next, notice) =>
          setCurrent((c) => ({ stored: next, generation: (c?.generation ?? 0) + 1, notice }))
        }
      />
    </div>
  );
}

/** Backend paths are `model.<field>`; the form's names are the model's own. */
const withoutModelPrefix = (fields: FieldError[]): FieldError[] =>
  fields.map((f) => (f.name[0] === 'model' ? { ...f, name: f.name.slice(1) } : f));

const ALERT_WORDS = Object.fromEntries(
  ALERT_FIELDS.map((a) => [a, `healthUi.model.alert.${a}` as MessageKey]),
) as Record<string, MessageKey>;

function ModelForm({
  initial,
  notice,
  readOnly,
  tab,
  onTab,
  onSaved,
}: {
  initial: StoredModel;
  notice: SaveNotice | null;
  readOnly: boolean;
  tab: Tier;
  onTab: (tier: Tier) => void;
  onSaved: (next: StoredModel, notice: SaveNotice | null) => void;
}) {
  const { t } = useLocale();
  const person = usePersonName();
  const { message } = AntApp.useApp();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const base = initial;
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState<StoredModel | null>(null);
  /** Errors of whole lists (a rule) and of paths without a field. */
  const [listErrors, setListErrors] = useState<string[]>([]);
  /** The refusal of a profile's weights (they must add up to 100 %), shown at its sum. */
  const [sumErrors, setSumErrors] = useState<Partial<Record<Tier, string>>>({});
  const [saved, setSaved] = useState<SaveNotice | null>(notice);
  const [preview, setPreview] = useState<{ result: ModelPreview; model: HealthModel } | null>(null);
  const [previewStale, setPreviewStale] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [restoring, setRestoring] = useState<string | null>(null);
  const guard = useFormGuard({
    form,
    draftKey: 'healthModel:TEAM',
    title: t('healthUi.model.title'),
    // Enter in a field previews (a save recomputes every score: it stays a click).
    onSubmit: () => runPreview(0),
    onClose: () => undefined,
  });

  /** A model path in words: "规则 › NPS", "战略 › 维度权重". */
  const pathLabel = (path: (string | number)[]) =>
    path
      .map((p) => {
        if (typeof p === 'number') return `#${p + 1}`;
        // The tier's name says which profile.
        if (p === 'profiles') return null;
        if ((healthDimensions as readonly string[]).includes(p))
          return t(`health.dimension.${p}` as MessageKey);
        if ((tiers as readonly string[]).includes(p)) return enumLabel(t, 'tier', p);
        const words: Record<string, MessageKey> = {
          rules: 'healthUi.model.rules',
          profiles: 'healthUi.model.profiles',
          weights: 'healthUi.model.weights',
          thresholds: 'healthUi.model.thresholds',
          alerts: 'healthUi.model.alerts',
          name: 'healthUi.model.name',
          green: 'healthUi.model.green',
          yellow: 'healthUi.model.yellow',
          cadenceDays: 'healthUi.model.cadenceDays',
          renewalWindowDays: 'healthUi.model.renewalWindowDays',
          historyLimit: 'healthUi.model.historyLimit',
          ...ALERT_WORDS,
        };
        return words[p] ? t(words[p]) : p;
      })
      .filter((p) => p !== null)
      .join(' › ');

  /** Errors on their fields; those of whole lists (a rule, a profile's weights) listed above. */
  const showErrors = (fields: FieldError[]) => {
    const own = withoutModelPrefix(fields);
    const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    const sumOf = (f: FieldError) =>
      f.name.length === 3 && f.name[0] === 'profiles' && f.name[2] === 'weights'
        ? (f.name[1] as Tier)
        : null;
    showFieldErrors(form, own);
    setSumErrors(
      Object.fromEntries(
        own.filter((f) => sumOf(f)).map((f) => [sumOf(f), f.errors.join(', ')]),
      ) as Partial<Record<Tier, string>>,
    );
    setListErrors(
      own
        .filter((f) => !registered.has(JSON.stringify(f.name)) && !sumOf(f))
        .map((f) => `${pathLabel(f.name)}: ${f.errors.join(', ')}`),
    );
  };

  /** The typed model, checked as the backend checks it; errors land on their fields. */
  const checkedDraft = (): HealthModel | null => {
    const { baseRev: _rev, ...values } = form.getFieldsValue(true) as FormValues;
    void _rev;
    const checked = validate(healthModelInput, values, t);
    if (checked.ok) return checked.data;
    showErrors(checked.fields);
    message.error(t('healthUi.model.invalid'));
    return null;
  };

  const resetErrors = () => {
    clearErrors();
    setListErrors([]);
    setSumErrors({});
  };

  const runPreview = async (offset: number, model?: HealthModel) => {
    if (!model) resetErrors();
    const draft = model ?? checkedDraft();
    if (!draft) return;
    setPreviewing(true);
    try {
      const result = await client.call('health.model.preview', {
        model: draft,
        offset,
        limit: PREVIEW_PAGE,
      });
      setPreview({ result, model: draft });
      if (!model) setPreviewStale(false);
    } catch (error) {
      const { fields, general } = fieldErrorsOf(error, t);
      showErrors(fields);
      setListErrors((previous) => [...previous, ...general]);
    } finally {
      setPreviewing(false);
    }
  };

  const restore = async (version: ModelVersion) => {
    resetErrors();
    setRestoring(version.id);
    try {
      const next = await client.call('health.model.restore', {
        versionId: version.id,
        rev: base.rev,
      });
      guard.saved();
      const report = await client.call('health.recompute', {});
      await queryClient.invalidateQueries();
      onSaved(next, { kind: 'restored', accounts: report.accounts, changed: report.bandChanged });
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'CONFLICT')
        setStale(await client.call('health.model.get', {}));
      else message.error(errorText(t, error));
    } finally {
      setRestoring(null);
    }
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

  /** Saves at the revision the form was read at (a draft keeps its own), or the one given. */
  const save = async (override?: string) => {
    resetErrors();
    setSaved(null);
    const draft = checkedDraft();
    if (!draft) return;
    const rev = override ?? form.getFieldValue('baseRev') ?? undefined;
    setSaving(true);
    try {
      const next = await client.call('health.model.save', { model: draft, rev });
      guard.saved();
      const report = await client.call('health.recompute', {});
      await queryClient.invalidateQueries();
      onSaved(next, { kind: 'saved', accounts: report.accounts, changed: report.bandChanged });
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
    guard.saved();
    onSaved(stale, null);
  };

  const number = (
    name: (string | number)[],
    label: string,
    step = 1,
    testId?: string,
    suffix?: string,
  ) => (
    <Form.Item name={name} label={label} style={{ marginBottom: 8 }}>
      <InputNumber step={step} style={{ width: '100%' }} data-testid={testId} suffix={suffix} />
    </Form.Item>
  );

  return guard.modalProps.modalRender!(
    <Form
      form={form}
      layout="vertical"
      initialValues={{ ...initial.model, baseRev: initial.rev ?? null }}
      data-testid="health-model-form"
      onFieldsChange={(changed) => {
        const names = changed.map((f) => f.name as (string | number)[]);
        clearErrors(names);
        const tiersChanged = new Set(
          names.filter((n) => n[0] === 'profiles' && n[2] === 'weights').map((n) => n[1] as Tier),
        );
        if (tiersChanged.size)
          setSumErrors((errors) =>
            Object.fromEntries(
              Object.entries(errors).filter(([tier]) => !tiersChanged.has(tier as Tier)),
            ),
          );
      }}
      onValuesChange={() => {
        setSaved(null);
        if (preview) setPreviewStale(true);
      }}
    >
      {guard.notice}
      <Space wrap align="end" style={{ marginBottom: 16 }}>
        <Form.Item name="name" label={t('healthUi.model.name')} style={{ marginBottom: 0 }}>
          <Input style={{ width: 240 }} data-testid="model-name" />
        </Form.Item>
        <Button loading={previewing} onClick={() => runPreview(0)} data-testid="model-preview-run">
          {t('healthModelUi.preview')}
        </Button>
        <Button
          type="primary"
          loading={saving}
          disabled={readOnly}
          onClick={() => save()}
          data-testid="model-save"
        >
          {t('healthUi.model.save')}
        </Button>
        <Button
          onClick={() => {
            guard.saved();
            onSaved(base, null);
          }}
          data-testid="model-reset"
        >
          {t('healthUi.model.reset')}
        </Button>
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
          title={t(
            saved.kind === 'restored'
              ? 'healthModelUi.history.restoredDone'
              : 'healthUi.model.saved',
            { accounts: saved.accounts, changed: saved.changed },
          )}
          data-testid="model-saved"
          data-kind={saved.kind}
        />
      )}
      {preview && (
        <PreviewPanel
          preview={preview.result}
          stale={previewStale}
          loading={previewing}
          onPage={(offset) => runPreview(offset, preview.model)}
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
          activeKey={tab}
          onChange={(key) => onTab(key as Tier)}
          items={tiers.map((tier) => ({
            key: tier,
            label: <TierLabel form={form} tier={tier} />,
            // Every profile's fields stay mounted, so errors land on them in any tab.
            forceRender: true,
            children: (
              <Row gutter={16}>
                <Col xs={24} lg={14}>
                  <Typography.Title level={5}>{t('healthUi.model.weights')}</Typography.Title>
                  <WeightSum form={form} tier={tier} error={sumErrors[tier]} />
                  <Row gutter={12}>
                    {healthDimensions.map((d) => (
                      <Col span={6} key={d}>
                        {number(
                          ['profiles', tier, 'weights', d],
                          t(`health.dimension.${d}`),
                          1,
                          `weight-${tier}-${d}`,
                          '%',
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
      <HistoryPanel
        pathLabel={pathLabel}
        readOnly={readOnly}
        restoring={restoring}
        onRestore={(v) => void restore(v)}
      />
    </Form>,
  );
}

/** A tier's tab: its name, marked red while its weight shares do not add up to 100 %. */
function TierLabel({
  form,
  tier,
}: {
  form: ReturnType<typeof Form.useForm<FormValues>>[0];
  tier: Tier;
}) {
  const { t } = useLocale();
  const ok = useSumOk(form, tier);
  return (
    <span data-testid={`model-tier-${tier}`}>
      <Badge dot={!ok} offset={[4, 0]}>
        {enumLabel(t, 'tier', tier)}
      </Badge>
    </span>
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
