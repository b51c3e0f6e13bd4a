// The Excel import wizard (issue 14): file, sheet and header row, column mapping with the
// suggestions from the headers, a dry run listing each refused row by its Excel row number and
// reason, then the commit (all or nothing, or only the valid rows) with its progress.
import {
  Alert,
  Button,
  Card,
  InputNumber,
  List,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  IMPORT_KINDS,
  type ImportCommitOutput,
  type ImportKind,
  type ImportPreviewOutput,
  type ImportProgressOutput,
  type ImportRowError,
} from '../../../shared/api/deliverables';
import type { MessageKey } from '../../../shared/i18n';
import { useApi, useApiClient } from '../api/hooks';
import { useLocale, type Translate } from '../i18n';
import { errorText } from '../workspace/Documents';

const SHOWN = 200;

/** The wizard's label for a field: its document part and name, e.g. 合同 · 合同编号. */
function fieldLabel(t: Translate, kind: ImportKind, name: string): string {
  if (name === 'id' || name === 'account') return t(`importUi.f.${name}` as MessageKey);
  const [part, field] = name.includes('.') ? name.split('.') : [partOf(kind), name];
  const key = `importUi.f.${part}.${field}` as MessageKey;
  const text = t(key);
  return text === key ? name : text;
}

function partOf(kind: ImportKind): string {
  return {
    accounts: 'account',
    contacts: 'contact',
    issues: 'issue',
    contracts: 'contract',
    usage: 'usageReading',
  }[kind];
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportWizard({
  open,
  onClose,
  initialKind = 'accounts',
}: {
  open: boolean;
  onClose: () => void;
  initialKind?: ImportKind;
}) {
  const { t, locale } = useLocale();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [accountId, setAccountId] = useState<string | undefined>(undefined);
  const [accountQuery, setAccountQuery] = useState('');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [headerRow, setHeaderRow] = useState<number | undefined>(undefined);
  const [mapping, setMapping] = useState<Record<string, string | null> | undefined>(undefined);
  const [preview, setPreview] = useState<ImportPreviewOutput | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<ImportProgressOutput | null>(null);
  const [result, setResult] = useState<ImportCommitOutput | null>(null);
  const polling = useRef<ReturnType<typeof setInterval> | null>(null);
  const accounts = useApi(
    'account.list',
    { limit: 50, ...(accountQuery ? { filters: { q: accountQuery } } : {}) },
    { enabled: open && kind !== 'accounts' },
  );

  useEffect(
    () => () => {
      if (polling.current) clearInterval(polling.current);
    },
    [],
  );

  const reset = () => {
    setStep(0);
    setFile(null);
    setSheet(undefined);
    setHeaderRow(undefined);
    setMapping(undefined);
    setPreview(null);
    setSkipInvalid(false);
    setError(null);
    setProgress(null);
    setResult(null);
  };
  const close = () => {
    // Screens refetch once the wizard closes (the first-run screen would otherwise be replaced
    // by the account list, wizard and all, while the result is still being read).
    if (result) void queryClient.invalidateQueries();
    reset();
    onClose();
  };

  const input = (
    over: {
      sheet?: string;
      headerRow?: number;
      mapping?: Record<string, string | null>;
    },
    fileBase64 = file?.base64 ?? '',
  ) => ({
    kind,
    fileBase64,
    lang: locale,
    ...(kind !== 'accounts' && accountId ? { accountId } : {}),
    ...(over.sheet ? { sheet: over.sheet } : {}),
    ...(over.headerRow ? { headerRow: over.headerRow } : {}),
    ...(over.mapping ? { mapping: over.mapping } : {}),
  });

  const runPreview = async (
    over: { sheet?: string; headerRow?: number; mapping?: Record<string, string | null> },
    base64 = file?.base64,
  ): Promise<ImportPreviewOutput | null> => {
    if (!base64) return null;
    setBusy(true);
    setError(null);
    try {
      const p = await client.call('import.preview', input(over, base64));
      setPreview(p);
      return p;
    } catch (e) {
      setError(errorText(t, e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const pick = async (f: File) => {
    const base64 = await toBase64(f);
    setFile({ name: f.name, base64 });
    setSheet(undefined);
    setHeaderRow(undefined);
    setMapping(undefined);
    const p = await runPreview({}, base64);
    if (p) {
      setSheet(p.sheet);
      setHeaderRow(p.headerRow);
      setStep(1);
    }
    return false;
  };

  const commit = async () => {
    const jobId = `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    setBusy(true);
    setError(null);
    setProgress({ jobId, phase: 'reading', done: 0, total: 0 });
    polling.current = setInterval(() => {
      void client
        .call('import.progress', { jobId })
        .then((p) => p && setProgress(p))
        .catch(() => undefined);
    }, 250);
    try {
      const r = await client.call('import.commit', {
        ...input({ sheet, headerRow, mapping: preview?.mapping }),
        skipInvalid,
        jobId,
      });
      setResult(r);
      setProgress({ jobId, phase: 'done', done: r.written, total: r.written });
      setStep(4);
    } catch (e) {
      setError(t('importUi.failed', { reason: errorText(t, e) }));
      setProgress(null);
    } finally {
      if (polling.current) clearInterval(polling.current);
      polling.current = null;
      setBusy(false);
    }
  };

  const refused = preview?.refusedRows.length ?? 0;
  const errorMessage = (e: ImportRowError) => e.message[locale];
  const byRow = useMemo(() => {
    const rows = new Map<number, ImportRowError[]>();
    for (const e of preview?.errors ?? []) {
      if (preview?.refusedRows.includes(e.row)) rows.set(e.row, [...(rows.get(e.row) ?? []), e]);
    }
    return [...rows].map(([row, errors]) => ({ row, errors }));
  }, [preview]);

  const fileStep = (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('importUi.kindLabel')}</Typography.Text>
        <Select
          data-testid="import-kind"
          style={{ width: 340 }}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setPreview(null);
            setFile(null);
          }}
          options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`importUi.kind.${k}`) }))}
        />
      </Space>
      {kind !== 'accounts' && (
        <Space wrap>
          <Typography.Text>{t('importUi.part.account')}</Typography.Text>
          <Select
            data-testid="import-account"
            allowClear
            showSearch
            filterOption={false}
            onSearch={setAccountQuery}
            style={{ width: 340 }}
            placeholder={t('importUi.f.account')}
            value={accountId}
            onChange={setAccountId}
            options={(accounts.data?.items ?? []).map((a) => ({ value: a._id, label: a.name }))}
          />
          {accounts.data && accounts.data.total > accounts.data.items.length && (
            <Typography.Text type="secondary">
              {t('importUi.more', {
                shown: accounts.data.items.length,
                total: accounts.data.total,
              })}
            </Typography.Text>
          )}
        </Space>
      )}
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        beforeUpload={(f) => {
          void pick(f);
          return false;
        }}
      >
        <Button type="primary" data-testid="import-file" loading={busy}>
          {t('importUi.pickFile')}
        </Button>
      </Upload>
      {file && <Typography.Text>{t('importUi.fileChosen', { name: file.name })}</Typography.Text>}
    </Space>
  );

  const columns = Math.max(0, ...(preview?.top.map((r) => r.cells.length) ?? [0]));
  const headerStep = preview && (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('importUi.sheet')}</Typography.Text>
        <Select
          data-testid="import-sheet"
          style={{ width: 220 }}
          value={sheet}
          options={preview.sheets.map((s) => ({ value: s, label: s }))}
          onChange={async (s) => {
            setSheet(s);
            setHeaderRow(undefined);
            setMapping(undefined);
            const p = await runPreview({ sheet: s });
            if (p) setHeaderRow(p.headerRow);
          }}
        />
        <Typography.Text>{t('importUi.headerRow')}</Typography.Text>
        <InputNumber
          data-testid="import-header-row"
          min={1}
          value={headerRow}
          onChange={(v) => {
            if (!v) return;
            setHeaderRow(v);
            setMapping(undefined);
            void runPreview({ sheet, headerRow: v });
          }}
        />
      </Space>
      <Alert
        type="info"
        showIcon
        message={t('importUi.headerFound', { row: preview.detectedHeaderRow })}
      />
      <Typography.Text type="secondary" data-testid="import-top-size">
        {t('importUi.topSize', {
          rows: preview.top.length,
          rowCount: preview.rowCount,
          columns: columns,
          columnCount: preview.columnCount,
        })}
      </Typography.Text>
      <Table
        data-testid="import-top"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        rowKey="row"
        dataSource={preview.top}
        onRow={(r) => ({
          style:
            r.row === preview.headerRow ? { background: '#e6f4ff', fontWeight: 600 } : undefined,
          onClick: () => {
            setHeaderRow(r.row);
            setMapping(undefined);
            void runPreview({ sheet, headerRow: r.row });
          },
        })}
        columns={[
          { title: t('importUi.rowNo'), dataIndex: 'row', width: 56 },
          ...Array.from({ length: columns }, (_, c) => ({
            title: String.fromCharCode(65 + (c % 26)),
            key: String(c),
            onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
            render: (_: unknown, r: { cells: string[] }) => r.cells[c] ?? '',
          })),
        ]}
      />
    </Space>
  );

  const mappingStep = preview && (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('importUi.mappingIntro')}</Typography.Paragraph>
      <Table
        data-testid="import-mapping"
        size="small"
        pagination={false}
        rowKey="name"
        dataSource={preview.fields}
        columns={[
          {
            title: t('importUi.field'),
            key: 'field',
            render: (_, f) => (
              <Space>
                {f.part !== partOf(kind) && f.part !== 'account' && (
                  <Tag color="blue">{t(`importUi.part.${f.part}` as MessageKey)}</Tag>
                )}
                <span>{fieldLabel(t, kind, f.name)}</span>
                {f.required && <Tag color="red">{t('importUi.required')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('importUi.column'),
            key: 'column',
            render: (_, f) => (
              <Space>
                <Select
                  data-testid={`import-map-${f.name}`}
                  style={{ width: 240 }}
                  value={(mapping ?? preview.mapping)[f.name] ?? ''}
                  onChange={(h) =>
                    setMapping({ ...(mapping ?? preview.mapping), [f.name]: h === '' ? null : h })
                  }
                  options={[
                    { value: '', label: t('importUi.notMapped') },
                    ...preview.headers.map((h) => ({ value: h, label: h })),
                  ]}
                />
                {preview.suggested[f.name] &&
                  preview.suggested[f.name] === (mapping ?? preview.mapping)[f.name] && (
                    <Tag color="green">{t('importUi.suggested')}</Tag>
                  )}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );

  const checkStep = preview && (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        data-testid="import-summary"
        type={refused ? 'warning' : 'success'}
        showIcon
        message={t('importUi.summary', {
          rows: preview.rows,
          valid: preview.validRows,
          refused,
        })}
        description={
          <div>
            {Object.entries(preview.byType).map(([type, c]) => (
              <div key={type} data-testid={`import-bytype-${type}`}>
                {t('importUi.byType', {
                  part: t(`importUi.part.${type}` as MessageKey),
                  create: c.create,
                  update: c.update,
                  unchanged: c.unchanged,
                })}
              </div>
            ))}
          </div>
        }
      />
      {preview.notes.length > 0 && (
        <Card size="small" title={t('importUi.notes')}>
          {preview.notes.map((n) => (
            <div key={n.messageKey}>{n.message[locale]}</div>
          ))}
        </Card>
      )}
      {preview.duplicates.length > 0 && (
        <Card size="small" title={t('importUi.duplicates')} data-testid="import-duplicates">
          <List
            size="small"
            dataSource={preview.duplicates.slice(0, SHOWN)}
            renderItem={(d) => (
              <List.Item>
                {d.against === 'store'
                  ? t('importUi.duplicateStore', {
                      row: d.row,
                      part: t(`importUi.part.${d.type}` as MessageKey),
                      key: d.key,
                    })
                  : t('importUi.duplicateFile', {
                      row: d.row,
                      part: t(`importUi.part.${d.type}` as MessageKey),
                      key: d.key,
                      first: d.firstRow ?? '',
                    })}
              </List.Item>
            )}
          />
          {preview.duplicates.length > SHOWN && (
            <Typography.Text type="secondary">
              {t('importUi.more', { shown: SHOWN, total: preview.duplicates.length })}
            </Typography.Text>
          )}
        </Card>
      )}
      {byRow.length > 0 ? (
        <Card size="small" title={t('importUi.refused')}>
          <Table
            data-testid="import-refused"
            size="small"
            rowKey="row"
            pagination={{
              pageSize: 10,
              showTotal: (total) => t('importUi.more', { shown: Math.min(10, total), total }),
            }}
            dataSource={byRow}
            columns={[
              { title: t('importUi.rowNo'), dataIndex: 'row', width: 64 },
              {
                title: t('importUi.reason'),
                key: 'reason',
                render: (_, r) =>
                  r.errors.map((e, i) => (
                    <div key={i}>
                      {e.column && <Tag>{e.column}</Tag>}
                      {errorMessage(e)}
                    </div>
                  )),
              },
            ]}
          />
          <Radio.Group
            data-testid="import-mode"
            value={skipInvalid}
            onChange={(e) => setSkipInvalid(e.target.value as boolean)}
          >
            <Space direction="vertical">
              <Radio value={false} data-testid="import-all-or-nothing">
                {t('importUi.allOrNothing')}
              </Radio>
              <Radio
                value={true}
                data-testid="import-skip-invalid"
                disabled={preview.validRows === 0}
              >
                {t('importUi.skipInvalid', { count: refused || byRow.length })}
              </Radio>
            </Space>
          </Radio.Group>
        </Card>
      ) : (
        <Alert type="success" message={t('importUi.noErrors')} />
      )}
      {progress && (
        <div data-testid="import-progress">
          <Progress
            percent={
              progress.phase === 'done'
                ? 100
                : progress.phase === 'checking' && progress.total
                  ? Math.round((progress.done / progress.total) * 80)
                  : progress.phase === 'writing'
                    ? 80 + Math.round((progress.done / Math.max(progress.total, 1)) * 20)
                    : 5
            }
            status={progress.phase === 'done' ? 'success' : 'active'}
          />
          <Typography.Text type="secondary">
            {progress.phase === 'checking'
              ? t('importUi.progress.checking', { done: progress.done, total: progress.total })
              : progress.phase === 'writing'
                ? t('importUi.progress.writing', { done: progress.done, total: progress.total })
                : progress.phase === 'done'
                  ? t('importUi.progress.done', { total: progress.total })
                  : t('importUi.progress.reading')}
          </Typography.Text>
        </div>
      )}
    </Space>
  );

  const doneStep = result && (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-done">
      <Alert
        type="success"
        showIcon
        message={t('importUi.done', {
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
        })}
        description={Object.entries(result.byType).map(([type, c]) => (
          <div key={type}>
            {t('importUi.byType', {
              part: t(`importUi.part.${type}` as MessageKey),
              create: c.create,
              update: c.update,
              unchanged: c.unchanged,
            })}
          </div>
        ))}
      />
      {result.skipped.length > 0 && (
        <Card size="small" title={t('importUi.leftOut', { count: result.skipped.length })}>
          <List
            data-testid="import-left-out"
            size="small"
            dataSource={result.skipped.slice(0, SHOWN)}
            renderItem={(r) => (
              <List.Item>
                {t('importUi.rowNo')} {r.row}: {r.errors.map(errorMessage).join('; ')}
              </List.Item>
            )}
          />
          {result.skipped.length > SHOWN && (
            <Typography.Text type="secondary">
              {t('importUi.more', { shown: SHOWN, total: result.skipped.length })}
            </Typography.Text>
          )}
        </Card>
      )}
    </Space>
  );

  const mappingErrors =
    preview?.errors.filter((e) => preview.refusedRows.indexOf(e.row) === -1) ?? [];
  const canCommit =
    preview !== null &&
    mappingErrors.length === 0 &&
    preview.validRows > 0 &&
    (refused === 0 || skipInvalid);

  const footer = (
    <Space>
      {step > 0 && step < 4 && (
        <Button data-testid="import-back" disabled={busy} onClick={() => setStep(step - 1)}>
          {t('importUi.back')}
        </Button>
      )}
      {step === 1 && (
        <Button
          type="primary"
          data-testid="import-next"
          disabled={busy || !preview}
          onClick={() => setStep(2)}
        >
          {t('importUi.next')}
        </Button>
      )}
      {step === 2 && (
        <Button
          type="primary"
          data-testid="import-check"
          loading={busy}
          onClick={async () => {
            const p = await runPreview({ sheet, headerRow, mapping: mapping ?? preview?.mapping });
            if (p) setStep(3);
          }}
        >
          {t('importUi.check')}
        </Button>
      )}
      {step === 3 && (
        <Button
          type="primary"
          data-testid="import-commit"
          disabled={!canCommit}
          loading={busy}
          onClick={() => void commit()}
        >
          {t('importUi.commit')}
        </Button>
      )}
      {step === 4 && (
        <Button type="primary" data-testid="import-close" onClick={close}>
          {t('importUi.close')}
        </Button>
      )}
    </Space>
  );

  return (
    <Modal
      open={open}
      title={t('importUi.title')}
      width={1100}
      onCancel={busy ? undefined : close}
      maskClosable={false}
      footer={footer}
      destroyOnHidden
    >
      <div data-testid="import-wizard">
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 16 }}
          items={[
            { title: t('importUi.step.file') },
            { title: t('importUi.step.header') },
            { title: t('importUi.step.mapping') },
            { title: t('importUi.step.check') },
            { title: t('importUi.step.done') },
          ]}
        />
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            style={{ marginBottom: 12 }}
            data-testid="import-error"
          />
        )}
        {step === 3 && mappingErrors.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="import-mapping-errors"
            message={mappingErrors.map(errorMessage).join('; ')}
          />
        )}
        {step === 0 && fileStep}
        {step === 1 && headerStep}
        {step === 2 && mappingStep}
        {step === 3 && checkStep}
        {step === 4 && doneStep}
      </div>
    </Modal>
  );
}
