// Saving a document from a form: validate with the entity's zod schema, create or update, put the
// backend's field errors on their fields, and on a stale revision keep what the user typed and
// show the newer version so they can save on top of it.
import { Alert, Button, Descriptions, Space, type ButtonProps, type FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { entities, type EditableType, type EntityDoc } from '../../shared/domain/entities';
import { SYSTEM_FIELD_NAMES } from '../../shared/domain/common';
import type { MethodName } from '../../shared/api/contract';
import { ApiCallError } from './api/client';
import { useApiClient } from './api/hooks';
import {
  clearFieldErrors,
  fieldErrorsOf,
  showFieldErrors,
  validate,
  type FieldError,
} from './forms';
import { applyItemEdit, changesSince, itemIn, relativeTo, type ItemRef } from './itemEdits';
import { useLocale } from './i18n';
import { useQueryClient } from '@tanstack/react-query';
import { usePersonName } from './api/people';
import { stampEntries, type Stamp } from '../../shared/rules/stamps';

/**
 * The backend stamps new comments and signatures with the acting user and its clock
 * (shared/rules/stamps.ts); they are sent without. This stand-in fills them for the browser's
 * check of the rest of the document only, and is never sent.
 */
const CHECK_STAMP: Stamp = { by: 'stamped-by-backend', at: '2000-01-01T00:00:00.000Z' };

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

/** Where the form's errors and the conflict notice point: the whole document or one list item. */
interface SaveScope {
  errorPrefix: (string | number)[];
  /** The conflict notice's view of a document (the edited item's fields, for an item form). */
  view: (doc: AnyDoc) => Record<string, unknown>;
  mine?: Record<string, unknown>;
  original?: Record<string, unknown>;
}

interface Conflict {
  newer: AnyDoc;
  mine: Record<string, unknown>;
  original: Record<string, unknown>;
  view: (doc: AnyDoc) => Record<string, unknown>;
}

export function useEntityWriter<T extends EditableType>(type: T, form: FormInstance) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const { t } = useLocale();
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const newer = conflict?.newer ?? null;

  const showErrors = (fields: FieldError[], scope?: SaveScope) =>
    showFieldErrors(form, scope ? relativeTo(fields, scope.errorPrefix) : fields);

  const save = async (
    values: Record<string, unknown>,
    target: { accountId?: string; existing?: AnyDoc | null },
    scope?: SaveScope,
  ): Promise<SaveOutcome<T>> => {
    setGeneral([]);
    clearFieldErrors(form);
    // The version the form was opened from, and the newest one known (after a conflict).
    const original = target.existing ? editableOf(target.existing) : {};
    const current = newer ?? target.existing;
    const base = current ? editableOf(current) : {};
    // Only what the user changed is sent, so a save after a conflict keeps the other side's
    // edits to fields this user did not touch.
    const { changes, cleared } = changesSince(target.existing ? original : null, values);
    const merged = { ...base, ...changes };
    for (const k of cleared) delete merged[k];
    const checked = validate(
      entities[type].input,
      stampEntries(type, current ? base : null, merged, CHECK_STAMP),
      t,
    );
    if (!checked.ok) {
      setGeneral(showErrors(checked.fields, scope));
      return { ok: false };
    }
    setSaving(true);
    try {
      const existing = current;
      let doc: unknown;
      if (existing) {
        // Fields the user cleared are removed (null), the rest replaced.
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
      setConflict(null);
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
        setConflict({
          newer: latest as unknown as AnyDoc,
          mine: scope?.mine ?? changes,
          original: scope?.original ?? original,
          view: scope?.view ?? editableOf,
        });
        return { ok: false };
      }
      const { fields, general: rest } = fieldErrorsOf(error, t);
      setGeneral([...rest, ...showErrors(fields, scope)]);
      return { ok: false };
    } finally {
      setSaving(false);
    }
  };

  /**
   * Saves one element of a list in the document (`values`, or null to remove it), applied on
   * the newest known version; its errors land on the form's own field names. With no document
   * yet, `seed` holds the other fields the new document needs.
   */
  const saveItem = (
    ref: ItemRef,
    values: Record<string, unknown> | null,
    target: { accountId?: string; existing?: AnyDoc | null; seed?: Record<string, unknown> },
  ): Promise<SaveOutcome<T>> => {
    const opened = target.existing ? editableOf(target.existing) : {};
    const current = newer ?? target.existing;
    const edit = applyItemEdit(current ? editableOf(current) : {}, opened, ref, values);
    const view = (doc: AnyDoc) => itemIn(editableOf(doc), ref) ?? {};
    return save(current ? edit.values : { ...target.seed, ...edit.values }, target, {
      errorPrefix: edit.errorPrefix,
      view,
      mine: edit.mine,
      original: edit.original,
    });
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
      {conflict && (
        <ConflictNotice
          newer={conflict.newer}
          theirs={conflict.view(conflict.newer)}
          mine={conflict.mine}
          original={conflict.original}
          onDismiss={() => setConflict(null)}
        />
      )}
    </>
  );
  return { save, saveItem, saving, feedback, conflict: newer };
}

function short(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** A stale save: the newer version's differing fields next to what the user typed. */
export function ConflictNotice({
  newer,
  theirs,
  mine,
  original,
  onDismiss,
}: {
  /** The newer version's author and time. */
  newer: AnyDoc;
  /** Its fields as this form shows them (the whole document, or the edited item). */
  theirs: Record<string, unknown>;
  mine: Record<string, unknown>;
  /** The version the form was opened from: what "they changed" is measured against. */
  original: Record<string, unknown>;
  onDismiss: () => void;
}) {
  const { t } = useLocale();
  const person = usePersonName();
  const box = useRef<HTMLDivElement>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  // The notice sits above the form: bring it into view where the user clicked Save, and name
  // the fields as the form's labels do (antd gives each label `for` = the field's name).
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
    const found: Record<string, string> = {};
    box.current?.parentElement?.querySelectorAll('label[for]').forEach((label) => {
      const text = label.textContent?.trim();
      if (text) found[label.getAttribute('for')!] = text;
    });
    setLabels(found);
  }, [newer]);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  // Fields either side changed: theirs against the version this form started from, and mine.
  const differing = Object.keys({ ...theirs, ...original, ...mine }).filter(
    (k) =>
      (k in mine && !same(theirs[k], mine[k])) || (!(k in mine) && !same(theirs[k], original[k])),
  );
  return (
    <div ref={box}>
      <Alert
        type="warning"
        showIcon
        data-testid="conflict-notice"
        style={{ marginBottom: 12 }}
        message={t('ui.conflict.title', {
          by: newer.updatedBy ? person(newer.updatedBy) : '?',
          at: (newer.updatedAt ?? '').slice(0, 16).replace('T', ' '),
        })}
        description={
          <Space direction="vertical" style={{ width: '100%' }}>
            <span>{t('ui.conflict.text')}</span>
            {differing.length > 0 && (
              <Descriptions size="small" column={1} bordered>
                {differing.map((k) => (
                  <Descriptions.Item key={k} label={labels[k] ?? k}>
                    <div>
                      {t('ui.conflict.theirs')}: {short(theirs[k])}
                    </div>
                    <div>
                      {t('ui.conflict.mine')}: {k in mine ? short(mine[k]) : t('ui.conflict.keep')}
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
    </div>
  );
}

/** Deletes one document at the revision the screen shows, then refreshes every list. */
export function useEntityDeleter(type: EditableType) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return async (doc: AnyDoc) => {
    await client.call(`${type}.delete` as MethodName, { id: doc._id, rev: doc._rev } as never);
    await queryClient.invalidateQueries();
  };
}
