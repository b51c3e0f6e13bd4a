// Saving a document from a form: validate with the entity's zod schema, create or update, put the
// backend's field errors on their fields, and on a stale revision keep what the user typed and
// show the newer version so they can save on top of it.
import { Alert, Button, Descriptions, Space, type ButtonProps, type FormInstance } from 'antd';
import { useState } from 'react';
import { entities, type EditableType, type EntityDoc } from '../../shared/domain/entities';
import { SYSTEM_FIELD_NAMES } from '../../shared/domain/common';
import type { MethodName } from '../../shared/api/contract';
import { ApiCallError } from './api/client';
import { useApiClient } from './api/hooks';
import { compact, fieldErrorsOf, showFieldErrors, validate } from './forms';
import { useLocale } from './i18n';
import { useQueryClient } from '@tanstack/react-query';

type AnyDoc = { _id: string; _rev?: string; updatedBy?: string; updatedAt?: string };

/** Extra props for antd's okButtonProps, so tests can find the button. */
export const testIdProps = (id: string): ButtonProps => ({ 'data-testid': id }) as ButtonProps;

/** The caller-editable part of a stored document. */
export function editableOf(doc: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (!(SYSTEM_FIELD_NAMES as readonly string[]).includes(k) && k !== '_conflicts') out[k] = v;
  }
  return out;
}

export interface SaveOutcome<T extends EditableType> {
  ok: boolean;
  doc?: EntityDoc<T>;
}

export function useEntityWriter<T extends EditableType>(type: T, form: FormInstance) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const { t } = useLocale();
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [newer, setNewer] = useState<AnyDoc | null>(null);

  const save = async (
    values: Record<string, unknown>,
    target: { accountId?: string; existing?: AnyDoc | null },
  ): Promise<SaveOutcome<T>> => {
    setGeneral([]);
    const changes = compact(values) as Record<string, unknown>;
    const base = target.existing ? editableOf(target.existing) : {};
    const checked = validate(entities[type].input, { ...base, ...changes }, t);
    if (!checked.ok) {
      setGeneral(showFieldErrors(form, checked.fields));
      return { ok: false };
    }
    setSaving(true);
    try {
      const existing = newer ?? target.existing;
      let doc: unknown;
      if (existing) {
        // Fields the user cleared are removed (null), the rest replaced.
        const cleared = Object.keys(values).filter((k) => !(k in changes) && k in base);
        const update: Record<string, unknown> = { ...changes };
        for (const k of cleared) update[k] = null;
        doc = await client.call(
          `${type}.update` as MethodName,
          {
            id: existing._id,
            rev: existing._rev,
            changes: update,
          } as never,
        );
      } else if (type === 'account') {
        doc = await client.call('account.create', { data: changes } as never);
      } else {
        doc = await client.call(
          `${type}.create` as MethodName,
          {
            accountId: target.accountId,
            data: changes,
          } as never,
        );
      }
      setNewer(null);
      await queryClient.invalidateQueries();
      return { ok: true, doc: doc as EntityDoc<T> };
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'CONFLICT' && target.existing) {
        const latest = await client.call(
          `${type}.get` as MethodName,
          {
            id: target.existing._id,
          } as never,
        );
        setNewer(latest as unknown as AnyDoc);
        return { ok: false };
      }
      const { fields, general: rest } = fieldErrorsOf(error, t);
      setGeneral([...rest, ...showFieldErrors(form, fields)]);
      return { ok: false };
    } finally {
      setSaving(false);
    }
  };

  const feedback = (
    <>
      {general.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="form-errors"
          style={{ marginBottom: 12 }}
          message={general.map((g) => (
            <div key={g}>{g}</div>
          ))}
        />
      )}
      {newer && (
        <ConflictNotice
          newer={newer}
          mine={compact(form.getFieldsValue(true)) as Record<string, unknown>}
          onDismiss={() => setNewer(null)}
        />
      )}
    </>
  );
  return { save, saving, feedback, conflict: newer };
}

function short(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** A stale save: the newer version's differing fields next to what the user typed. */
export function ConflictNotice({
  newer,
  mine,
  onDismiss,
}: {
  newer: AnyDoc;
  mine: Record<string, unknown>;
  onDismiss: () => void;
}) {
  const { t } = useLocale();
  const theirs = editableOf(newer);
  const differing = Object.keys({ ...theirs, ...mine }).filter(
    (k) => k in mine && JSON.stringify(theirs[k]) !== JSON.stringify(mine[k]),
  );
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="conflict-notice"
      style={{ marginBottom: 12 }}
      message={t('ui.conflict.title', {
        by: newer.updatedBy ?? '?',
        at: (newer.updatedAt ?? '').slice(0, 16),
      })}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{t('ui.conflict.text')}</span>
          {differing.length > 0 && (
            <Descriptions size="small" column={1} bordered>
              {differing.map((k) => (
                <Descriptions.Item key={k} label={k}>
                  <div>
                    {t('ui.conflict.theirs')}: {short(theirs[k])}
                  </div>
                  <div>
                    {t('ui.conflict.mine')}: {short(mine[k])}
                  </div>
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
          <Button size="small" onClick={onDismiss}>
            {t('ui.conflict.dismiss')}
          </Button>
        </Space>
      }
    />
  );
}
