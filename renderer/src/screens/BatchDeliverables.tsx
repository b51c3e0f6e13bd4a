// Batch generation: every acceptance report of a consultant, or a review of every strategic
// account. The method returns when all are done, so progress is a spinner with elapsed time.
import { Alert, Button, Card, Radio, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { BatchOutput } from '../../../shared/api/deliverables';
import type { Locale, MessageKey } from '../../../shared/i18n';
import { useApi, useApiClient } from '../api/hooks';
import { useLocale, type Translate } from '../i18n';
import { downloadFile, errorText, LANG_OPTIONS, periodOptions } from '../workspace/Documents';

type Scope = 'consultant' | 'strategic';
type Item = BatchOutput['items'][number];

/** A failed item's reason in the UI language when its key is known, else the backend's text. */
function failureText(t: Translate, error: NonNullable<Item['error']>): string {
  if (!error.messageKey) return error.message;
  const text = t(error.messageKey as MessageKey);
  return text === error.messageKey || text.includes('{') ? error.message : text;
}

export function BatchDeliverables() {
  const { t, locale } = useLocale();
  const client = useApiClient();
  const facets = useApi('app.accountFacets', {});
  const [scope, setScope] = useState<Scope>('consultant');
  const [consultant, setConsultant] = useState<string | undefined>(undefined);
  const [lang, setLang] = useState<Locale>(locale);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const [result, setResult] = useState<BatchOutput | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.round((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);

  const kind = scope === 'consultant' ? 'acceptance' : 'review';
  const run = async () => {
    setRunning(true);
    setSeconds(0);
    setResult(null);
    setError(null);
    try {
      setResult(
        await client.call('deliverables.batch', {
          kind,
          lang,
          ...(kind === 'review' && period ? { period } : {}),
          filter: scope === 'consultant' ? { consultant } : { tier: 'strategic' },
          includeFiles: false,
        }),
      );
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
        ...(kind === 'review' && period ? { period } : {}),
      });
      [file, ...(file.attachments ?? [])].forEach(downloadFile);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Card title={t('ui.batch.title')} data-testid="batch" style={{ marginTop: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
          <Radio value="consultant" data-testid="batch-scope-consultant">
            {t('ui.batch.scopeConsultant')} ({t('ui.documents.kind.acceptance')})
          </Radio>
          <Radio value="strategic" data-testid="batch-scope-strategic">
            {t('ui.batch.scopeStrategic')} ({t('ui.documents.kind.review')})
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
              options={(facets.data?.owners ?? []).map((o) => ({ value: o, label: o }))}
              style={{ width: 200 }}
            />
          ) : (
            <Select
              data-testid="batch-period"
              allowClear
              placeholder={t('ui.documents.period')}
              value={period}
              onChange={(v) => setPeriod(v)}
              options={periodOptions(t)}
              style={{ width: 160 }}
            />
          )}
          <Select
            value={lang}
            onChange={(v) => setLang(v)}
            options={LANG_OPTIONS}
            style={{ width: 120 }}
          />
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
            <Typography.Text>{t('ui.batch.running', { seconds })}</Typography.Text>
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
                        <Tag color="green">{t('ui.batch.ok')}</Tag>
                        {item.warnings.map((w) => (
                          <Typography.Text key={w} type="warning">
                            {w}
                          </Typography.Text>
                        ))}
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
