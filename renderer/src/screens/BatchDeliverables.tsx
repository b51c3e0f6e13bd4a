// Batch generation: one kind of deliverable (any in the contract, with its period or week) for
// every account of a consultant or of a tier. It runs a few accounts per call so the panel can
// show n of N.
import {
  Alert,
  Button,
  Card,
  Progress,
  Radio,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import type { ListFilters } from '../../../shared/api/contract';
import {
  DELIVERABLE_KINDS,
  type BatchOutput,
  type DeliverableKind,
} from '../../../shared/api/deliverables';
import { tiers } from '../../../shared/domain/entities/account';
import type { Locale, MessageKey } from '../../../shared/i18n';
import { useApi, useApiClient } from '../api/hooks';
import { useLocale, type Translate } from '../i18n';
import {
  DocumentLanguageSelect,
  PeriodSelect,
  UsagePeriodSelect,
  WeekSelect,
} from '../components/DocumentPickers';
import { downloadFile, errorText, kindOptions } from '../workspace/Documents';
import { usePersonName } from '../api/people';
import { navigate } from '../route';

type Scope = 'consultant' | 'tier';
type Tier = (typeof tiers)[number];
type Item = BatchOutput['items'][number];

/** A failed item's reason in the UI language when its key is known, else the backend's text. */
function failureText(t: Translate, error: NonNullable<Item['error']>): string {
  if (!error.messageKey) return error.message;
  const text = t(error.messageKey as MessageKey);
  return text === error.messageKey || text.includes('{') ? error.message : text;
}

/** Accounts per call: small enough for visible progress, big enough to keep calls few. */
const BATCH_STEP = 5;

export function BatchDeliverables() {
  const { t, locale } = useLocale();
  const person = usePersonName();
  const client = useApiClient();
  const facets = useApi('app.accountFacets', {});
  const [scope, setScope] = useState<Scope>('consultant');
  const [consultant, setConsultant] = useState<string | undefined>(undefined);
  const [lang, setLang] = useState<Locale>(locale);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [kind, setKind] = useState<DeliverableKind>('acceptance');
  const [tier, setTier] = useState<Tier>('strategic');
  const [usagePeriod, setUsagePeriod] = useState<string | undefined>(undefined);
  const [week, setWeek] = useState<string | undefined>(undefined);
  const choices = kindOptions(kind, { period, usagePeriod, week });
  const [draft, setDraft] = useState(false);
  const [running, setRunning] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const [result, setResult] = useState<BatchOutput | null>(null);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.round((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);

  /** Every account matching one list filter, page by page. */
  const idsWhere = async (filters: ListFilters): Promise<string[]> => {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await client.call('account.list', { filters, offset, limit: 500 });
      ids.push(...page.items.map((a) => a._id));
      if (ids.length >= page.total || page.items.length === 0) return ids;
    }
  };
  /**
   * The accounts in scope (as deliverables.batch defines it: a consultant's are those they own
   * or implement), so the batch can run in small steps and show n of N.
   */
  const targetIds = async (): Promise<string[]> => {
    if (scope !== 'consultant') return idsWhere({ tier });
    const [implemented, owned] = await Promise.all([
      idsWhere({ consultant }),
      idsWhere({ ownerCsm: consultant }),
    ]);
    return [...new Set([...implemented, ...owned])];
  };
  const run = async () => {
    setRunning(true);
    setSeconds(0);
    setResult(null);
    setError(null);
    setProgress({ done: 0, total: 0 });
    try {
      const ids = await targetIds();
      setProgress({ done: 0, total: ids.length });
      const merged: BatchOutput = { total: 0, succeeded: 0, failed: 0, items: [] };
      for (let i = 0; i < ids.length; i += BATCH_STEP) {
        const part = await client.call('deliverables.batch', {
          kind,
          lang,
          ...choices,
          draft,
          filter: { accountIds: ids.slice(i, i + BATCH_STEP) },
          includeFiles: false,
        });
        merged.total += part.total;
        merged.succeeded += part.succeeded;
        merged.failed += part.failed;
        merged.items.push(...part.items);
        setProgress({ done: Math.min(ids.length, i + BATCH_STEP), total: ids.length });
      }
      setResult(merged);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setRunning(false);
    }
  };
  /** One account's files again, on demand: the batch itself returns only the summary. */
  const download = async (accountId: string) => {
    try {
      const file = await client.call('deliverables.generate', {
        kind,
        accountId,
        lang,
        draft,
        ...choices,
      });
      [file, ...(file.attachments ?? [])].forEach(downloadFile);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Card title={t('ui.batch.title')} data-testid="batch" style={{ marginTop: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{t('ui.batch.kind')}</Typography.Text>
          <Select
            data-testid="batch-kind"
            value={kind}
            onChange={(v) => setKind(v)}
            options={DELIVERABLE_KINDS.map((k) => ({
              value: k,
              label: t(`ui.documents.kind.${k}`),
            }))}
            style={{ width: 220 }}
          />
          {kind === 'review' && (
            <PeriodSelect testId="batch-period" value={period} onChange={setPeriod} />
          )}
          {kind === 'usage' && (
            <UsagePeriodSelect
              testId="batch-usage-period"
              value={usagePeriod}
              onChange={setUsagePeriod}
            />
          )}
          {kind === 'weekly' && <WeekSelect testId="batch-week" value={week} onChange={setWeek} />}
        </Space>
        <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
          <Radio value="consultant" data-testid="batch-scope-consultant">
            {t('ui.batch.scopeConsultant')}
          </Radio>
          <Radio value="tier" data-testid="batch-scope-tier">
            {t('ui.batch.scopeTier')}
          </Radio>
        </Radio.Group>
        <Space wrap>
          {scope === 'consultant' ? (
            <Select
              data-testid="batch-consultant"
              showSearch
              placeholder={t('ui.batch.consultant')}
              value={consultant}
              onChange={(v) => setConsultant(v)}
              options={(facets.data?.owners ?? []).map((o) => ({ value: o, label: person(o) }))}
              style={{ width: 200 }}
            />
          ) : (
            <Select
              data-testid="batch-tier"
              value={tier}
              onChange={(v) => setTier(v)}
              options={tiers.map((x) => ({ value: x, label: t(`label.tier.${x}`) }))}
              style={{ width: 160 }}
            />
          )}
          <DocumentLanguageSelect value={lang} onChange={setLang} />
          <Switch data-testid="batch-draft" checked={draft} onChange={setDraft} />
          <Typography.Text>{t('readinessUi.draft')}</Typography.Text>
          <Button
            type="primary"
            data-testid="batch-run"
            loading={running}
            disabled={scope === 'consultant' && !consultant}
            onClick={() => void run()}
          >
            {t('ui.batch.run')}
          </Button>
        </Space>
        {running && (
          <Space data-testid="batch-running">
            <Spin />
            <Progress
              percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0}
              style={{ width: 200 }}
            />
            <Typography.Text>
              {t('ui.batch.running', { done: progress.done, total: progress.total, seconds })}
            </Typography.Text>
          </Space>
        )}
        {error && <Alert type="error" showIcon message={error} data-testid="batch-error" />}
        {result && (
          <>
            <Alert
              data-testid="batch-summary"
              type={result.failed ? 'warning' : 'success'}
              showIcon
              message={t('ui.batch.summary', {
                total: result.total,
                succeeded: result.succeeded,
                failed: result.failed,
              })}
            />
            <Table<Item>
              rowKey="accountId"
              size="small"
              pagination={{ pageSize: 20 }}
              dataSource={result.items}
              columns={[
                { title: t('ui.batch.account'), dataIndex: 'accountName' },
                {
                  title: t('ui.batch.result'),
                  render: (_, item) =>
                    item.ok ? (
                      <Space direction="vertical" size={0}>
                        <Tag color={item.draft ? 'orange' : 'green'}>
                          {item.draft ? t('readinessUi.drafted') : t('ui.batch.ok')}
                        </Tag>
                        {item.warnings.map((w) => (
                          <Typography.Text key={w} type="warning">
                            {w}
                          </Typography.Text>
                        ))}
                      </Space>
                    ) : item.missing ? (
                      <Space direction="vertical" size={0} data-testid="batch-not-ready">
                        <Tag color="orange">{t('readinessUi.notReady')}</Tag>
                        <ul style={{ margin: 0 }}>
                          {item.missing.map((m) => (
                            <li key={m.need}>
                              {t(m.need as MessageKey, m.params)}{' '}
                              <Typography.Link
                                onClick={() =>
                                  navigate({ screen: 'account', id: item.accountId, tab: m.tab })
                                }
                              >
                                {t('readinessUi.goTo', { tab: t(`ui.tab.${m.tab}` as MessageKey) })}
                              </Typography.Link>
                            </li>
                          ))}
                        </ul>
                      </Space>
                    ) : (
                      <Space>
                        <Tag color="red">{t('ui.batch.fail')}</Tag>
                        <Typography.Text type="danger">
                          {item.error ? failureText(t, item.error) : ''}
                        </Typography.Text>
                      </Space>
                    ),
                },
                {
                  title: '',
                  render: (_, item) =>
                    item.ok && (
                      <Button size="small" onClick={() => void download(item.accountId)}>
                        {t('ui.batch.download')}
                      </Button>
                    ),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
