// The account's deliverables: generate a Word/Excel document from its data and download it.
import { Alert, Button, Card, Select, Space, Switch, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import {
  DELIVERABLE_KINDS,
  type DeliverableKind,
  type GeneratedFileDto,
} from '../../../shared/api/deliverables';
import type { Locale, MessageKey } from '../../../shared/i18n';
import { useApi, useApiClient } from '../api/hooks';
import {
  DocumentLanguageSelect,
  PeriodSelect,
  UsagePeriodSelect,
  WeekSelect,
} from '../components/DocumentPickers';
import { TemplateUpload, type ChosenTemplate } from '../components/TemplateUpload';
import { useLocale, type Translate } from '../i18n';
import { errorText as translatedError } from '../errorText';

type Kind = DeliverableKind;

/** The choices a kind takes: a review's period, a usage report's months, a week, a visit. */
export interface KindChoices {
  period?: string;
  usagePeriod?: string;
  week?: string;
  visitId?: string;
}

/** The generation options of one kind from the choices made (empty = the method's default). */
export function kindOptions(kind: Kind, c: KindChoices) {
  return {
    ...(kind === 'review' && c.period ? { period: c.period } : {}),
    ...(kind === 'usage' && c.usagePeriod ? { period: c.usagePeriod } : {}),
    ...(kind === 'weekly' && c.week ? { week: c.week } : {}),
    ...(kind === 'minutes' && c.visitId ? { visitId: c.visitId } : {}),
  };
}

/** Saves a generated file through a temporary <a download> (browser mode and Electron alike). */
export function downloadFile(file: GeneratedFileDto): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Every error of a failed call, translated by its message key. */
export function errorText(t: Translate, error: unknown): string {
  return translatedError(t, error);
}

/**
 * What a kind still lacks before it can be final (deliverables.readiness), as a checklist whose
 * items open the workspace tab where each is entered.
 */
export function ReadinessList({
  kind,
  accountId,
  period,
  visitId,
  onTab,
}: {
  kind: Kind;
  accountId: string;
  period?: string;
  visitId?: string;
  onTab?: (tab: string) => void;
}) {
  const { t } = useLocale();
  const r = useApi('deliverables.readiness', {
    kind,
    accountId,
    ...(period ? { period } : {}),
    ...(visitId ? { visitId } : {}),
  });
  if (r.error)
    return (
      <Typography.Text type="danger" data-testid={`readiness-${kind}-error`}>
        {errorText(t, r.error)}
      </Typography.Text>
    );
  if (!r.data) return null;
  if (r.data.ready)
    return (
      <Typography.Text type="success" data-testid={`readiness-${kind}`} data-ready="true">
        {t('readinessUi.ready')}
      </Typography.Text>
    );
  return (
    <div data-testid={`readiness-${kind}`} data-ready="false">
      <Typography.Text type="warning">{t('readinessUi.missing')}</Typography.Text>
      <ul style={{ margin: '4px 0' }}>
        {r.data.missing.map((m) => (
          <li key={`${m.need}-${m.tab}`}>
            {t(m.need as MessageKey, m.params)}{' '}
            {onTab && (
              <Typography.Link
                data-testid={`readiness-${kind}-go-${m.tab}`}
                onClick={() => onTab(m.tab)}
              >
                {t('readinessUi.goTo', { tab: t(`ui.tab.${m.tab}` as MessageKey) })}
              </Typography.Link>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Documents({
  accountId,
  onTab,
}: {
  accountId: string;
  onTab?: (tab: string) => void;
}) {
  const { t, locale } = useLocale();
  const client = useApiClient();
  const [draft, setDraft] = useState(false);
  const visits = useApi('visit.list', {
    accountId,
    limit: 200,
    sort: { field: 'date', dir: 'desc' },
  });
  const [lang, setLang] = useState<Locale>(locale);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [visitId, setVisitId] = useState<string | undefined>(undefined);
  const [template, setTemplate] = useState<ChosenTemplate | null>(null);
  const [usagePeriod, setUsagePeriod] = useState<string | undefined>(undefined);
  const [week, setWeek] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<Kind | null>(null);
  const [outcome, setOutcome] = useState<
    { kind: 'ok'; files: string[]; warnings: string[] } | { kind: 'error'; text: string } | null
  >(null);

  const generate = async (kind: Kind) => {
    setBusy(kind);
    setOutcome(null);
    try {
      const result = await client.call('deliverables.generate', {
        kind,
        accountId,
        lang,
        draft,
        ...kindOptions(kind, { period, usagePeriod, week, visitId }),
        // A company template fills every Word kind; the issue list is Excel.
        ...(template && kind !== 'issues' ? { templateBase64: template.base64 } : {}),
      });
      const files = [result, ...(result.attachments ?? [])];
      files.forEach(downloadFile);
      setOutcome({ kind: 'ok', files: files.map((f) => f.fileName), warnings: result.warnings });
    } catch (error) {
      setOutcome({ kind: 'error', text: errorText(t, error) });
    } finally {
      setBusy(null);
    }
  };

  const check = (kind: Kind) => (
    <ReadinessList
      kind={kind}
      accountId={accountId}
      period={kind === 'review' ? period : kind === 'usage' ? usagePeriod : undefined}
      visitId={kind === 'minutes' ? visitId : undefined}
      onTab={onTab}
    />
  );
  const button = (kind: Kind) => (
    <Button
      key={kind}
      type={kind === 'acceptance' ? 'primary' : 'default'}
      loading={busy === kind}
      disabled={busy !== null && busy !== kind}
      onClick={() => void generate(kind)}
      data-testid={`generate-${kind}`}
    >
      {t(`ui.documents.kind.${kind}`)}
    </Button>
  );
  const visitItems = visits.data?.items ?? [];
  const pickers: Partial<Record<Kind, ReactNode>> = {
    review: <PeriodSelect testId="documents-period" value={period} onChange={setPeriod} />,
    usage: (
      <UsagePeriodSelect
        testId="documents-usage-period"
        value={usagePeriod}
        onChange={setUsagePeriod}
      />
    ),
    weekly: <WeekSelect testId="documents-week" value={week} onChange={setWeek} />,
    minutes: (
      <Select
        data-testid="documents-visit"
        allowClear
        placeholder={visitItems.length ? t('ui.documents.visit') : t('ui.documents.noVisits')}
        value={visitId}
        onChange={(v) => setVisitId(v)}
        options={visitItems.map((v) => ({ value: v._id, label: `${v.date} ${v.purpose}` }))}
        style={{ width: 320 }}
      />
    ),
  };

  return (
    <Card title={t('ui.documents.title')} data-testid="documents">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{t('ui.documents.lang')}</Typography.Text>
          <DocumentLanguageSelect testId="documents-lang" value={lang} onChange={setLang} />
          <Switch data-testid="documents-draft" checked={draft} onChange={setDraft} />
          <Typography.Text>{t('readinessUi.draft')}</Typography.Text>
        </Space>
        <TemplateUpload value={template} onChange={setTemplate} />
        {/* One row per kind: its button, its choices, and what it still lacks. */}
        {DELIVERABLE_KINDS.map((k) => (
          <Space wrap align="start" key={k}>
            {button(k)}
            {pickers[k]}
            {check(k)}
          </Space>
        ))}
        {outcome?.kind === 'ok' && (
          <Alert
            data-testid="documents-result"
            type={outcome.warnings.length ? 'warning' : 'success'}
            showIcon
            message={t('ui.documents.done', { files: outcome.files.join(', ') })}
            description={
              outcome.warnings.length ? (
                <>
                  <div>{t('ui.documents.warnings')}</div>
                  <ul>
                    {outcome.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                </>
              ) : undefined
            }
          />
        )}
        {outcome?.kind === 'error' && (
          <Alert
            data-testid="documents-error"
            type="error"
            showIcon
            message={t('ui.documents.failed')}
            description={outcome.text}
          />
        )}
      </Space>
    </Card>
  );
}
