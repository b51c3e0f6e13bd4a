// A company .docx template for the Documents tab: choose the file, see the placeholders it uses
// (filled ones and unknown ones, from deliverables.placeholders), and hand it to the generation.
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type { ApiCallError } from '../api/client';
import { useApiClient } from '../api/hooks';
import { useLocale } from '../i18n';

export interface ChosenTemplate {
  name: string;
  base64: string;
}

/** The file's bytes as base64, in chunks (a whole file through String.fromCharCode overflows). */
export async function fileBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function TemplateUpload(props: {
  value: ChosenTemplate | null;
  onChange: (template: ChosenTemplate | null) => void;
}) {
  const { t } = useLocale();
  const client = useApiClient();
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [listed, setListed] = useState<{ placeholders: string[]; unknown: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setReading(true);
    setError(null);
    setListed(null);
    props.onChange(null);
    try {
      const base64 = await fileBase64(file);
      const r = await client.call('deliverables.placeholders', { templateBase64: base64 });
      setListed({ placeholders: r.placeholders, unknown: r.unknown });
      props.onChange({ name: file.name, base64 });
    } catch (e) {
      const errors = (e as Partial<ApiCallError>).errors;
      setError(
        errors?.length
          ? errors.map((x) => t(x.messageKey as MessageKey, x.params)).join('; ')
          : String(e),
      );
    } finally {
      setReading(false);
      if (input.current) input.current.value = '';
    }
  };

  const clear = () => {
    props.onChange(null);
    setListed(null);
    setError(null);
  };

  const unknown = new Set(listed?.unknown ?? []);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="template-upload">
      <Space wrap>
        <Typography.Text strong>{t('templatesUi.upload.title')}</Typography.Text>
        <input
          ref={input}
          type="file"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          style={{ display: 'none' }}
          data-testid="template-file"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
        <Button
          loading={reading}
          onClick={() => input.current?.click()}
          data-testid="template-choose"
        >
          {reading ? t('templatesUi.upload.reading') : t('templatesUi.upload.choose')}
        </Button>
        {props.value && (
          <>
            <Typography.Text data-testid="template-name">
              {t('templatesUi.upload.file', { name: props.value.name })}
            </Typography.Text>
            <Button size="small" onClick={clear} data-testid="template-clear">
              {t('templatesUi.upload.clear')}
            </Button>
          </>
        )}
      </Space>
      {!props.value && !error && (
        <Typography.Text type="secondary">{t('templatesUi.upload.hint')}</Typography.Text>
      )}
      {listed && (
        <div data-testid="template-placeholders">
          <Typography.Text>
            {listed.placeholders.length
              ? t('templatesUi.upload.placeholders', { count: listed.placeholders.length })
              : t('templatesUi.upload.none')}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>
            {listed.placeholders.map((p) => (
              <Tag
                key={p}
                color={unknown.has(p) ? 'red' : 'green'}
                data-testid={`placeholder-${p}`}
                data-known={unknown.has(p) ? 'false' : 'true'}
                style={{ marginBottom: 4 }}
              >
                {`{{${p}}}`} ·{' '}
                {unknown.has(p) ? t('templatesUi.upload.unknown') : t('templatesUi.upload.known')}
              </Tag>
            ))}
          </div>
          {props.value && (
            <Typography.Text type="secondary">
              {t('templatesUi.upload.notForIssues')}
            </Typography.Text>
          )}
        </div>
      )}
      {listed && listed.unknown.length > 0 && (
        <Alert
          data-testid="template-unknown"
          type="warning"
          showIcon
          message={t('templatesUi.upload.unknownNotice', {
            count: listed.unknown.length,
            names: listed.unknown.map((n) => `{{${n}}}`).join(', '),
          })}
        />
      )}
      {error && (
        <Alert
          data-testid="template-error"
          type="error"
          showIcon
          message={t('templatesUi.upload.failed')}
          description={error}
        />
      )}
    </Space>
  );
}
