// Conflicts (#/conflicts): documents two people changed offline in the same field. The list on
// the left; for the chosen one, every version side by side, the clashing fields first, a choice
// per clashing field, and one button that resolves it with `conflict.resolve`.
import { Alert, App, Button, Card, Empty, List, Radio, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ConflictDetail, ConflictField } from '../../../shared/api/sync';
import { useApi, useApiMutation } from '../api/hooks';
import { useT } from '../i18n';
import { ApiErrorAlert, errorLines } from './Sync';
import { usePersonName } from '../api/people';

/** How a field's value reads in a cell: text as is, anything else as compact JSON. */
function show(value: unknown, empty: string): string {
  if (value === undefined || value === null || value === '') return empty;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Fields worth showing: the clashes first, then the ones that differ between versions. */
function visibleFields(detail: ConflictDetail): ConflictField[] {
  const differs = (f: ConflictField) =>
    new Set(f.values.map((v) => JSON.stringify(v ?? null))).size > 1;
  const shown = detail.fields.filter((f) => f.clash || differs(f));
  return [...shown.filter((f) => f.clash), ...shown.filter((f) => !f.clash)];
}

function ConflictEditor({ id }: { id: string }) {
  const t = useT();
  const person = usePersonName();
  const { message } = App.useApp();
  const detail = useApi('conflict.get', { id });
  const resolve = useApiMutation('conflict.resolve');
  const [choices, setChoices] = useState<Record<string, string>>({});
  useEffect(() => setChoices({}), [id]);

  if (!detail.data) {
    return detail.error ? (
      <Alert type="error" title={errorLines(t, detail.error).join('; ')} />
    ) : (
      <Card loading />
    );
  }
  const d = detail.data;
  const empty = t('syncUi.conflicts.empty.value');
  const columns = [
    {
      key: 'field',
      title: t('syncUi.conflicts.field'),
      render: (_: unknown, f: ConflictField) =>
        f.clash ? <Tag color="red">{f.field}</Tag> : <Typography.Text>{f.field}</Typography.Text>,
    },
    ...d.versions.map((v, i) => ({
      key: v.rev,
      title: `${t('syncUi.conflicts.version', {
        n: i + 1,
        by: v.updatedBy ? person(v.updatedBy) : '?',
        at: v.updatedAt ? new Date(v.updatedAt).toLocaleString() : '?',
      })}${v.winner ? ` ${t('syncUi.conflicts.winner')}` : ''}`,
      render: (_: unknown, f: ConflictField) =>
        f.clash ? (
          <Radio
            data-testid={`choose-${f.field}-${i}`}
            checked={choices[f.field] === v.rev}
            onChange={() => setChoices((c) => ({ ...c, [f.field]: v.rev }))}
          >
            {show(f.values[i], empty)}
          </Radio>
        ) : (
          show(f.values[i], empty)
        ),
    })),
  ];
  const undecided = d.clashes.filter((f) => !choices[f]);

  return (
    <Card title={d.title || d.id} data-testid="conflict-detail">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('syncUi.conflicts.clashes', { fields: d.clashes.join(', ') })}
        </Typography.Text>
        <Table<ConflictField>
          size="small"
          rowKey="field"
          pagination={false}
          columns={columns}
          dataSource={visibleFields(d)}
        />
        <ApiErrorAlert error={resolve.error} testId="conflict-error" />
        <Button
          type="primary"
          data-testid="conflict-resolve"
          disabled={undecided.length > 0}
          loading={resolve.isPending}
          onClick={() =>
            resolve.mutate(
              { id: d.id, revs: d.versions.map((v) => v.rev), choices },
              { onSuccess: () => void message.success(t('syncUi.conflicts.resolved')) },
            )
          }
        >
          {t('syncUi.conflicts.resolve')}
        </Button>
      </Space>
    </Card>
  );
}

export function Conflicts() {
  const t = useT();
  const list = useApi('conflict.list', {}, { refetchInterval: 5_000 });
  const [selected, setSelected] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const current = items.find((c) => c.id === selected)?.id ?? items[0]?.id ?? null;

  return (
    <div data-testid="conflicts">
      <Typography.Title level={3}>{t('syncUi.conflicts.title')}</Typography.Title>
      {list.error && <Alert type="error" title={errorLines(t, list.error).join('; ')} />}
      {list.data && items.length === 0 ? (
        <Empty data-testid="conflicts-empty" description={t('syncUi.conflicts.empty')} />
      ) : (
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
          <List
            style={{ width: 320, flex: 'none' }}
            bordered
            loading={list.isLoading}
            dataSource={items}
            renderItem={(c) => (
              <List.Item
                data-testid="conflict-item"
                onClick={() => setSelected(c.id)}
                style={{
                  cursor: 'pointer',
                  background: c.id === current ? '#e6f4ff' : undefined,
                }}
              >
                <List.Item.Meta
                  title={c.title || c.id}
                  description={`${c.type} · ${t('syncUi.conflicts.clashes', {
                    fields: c.clashes.join(', '),
                  })}`}
                />
              </List.Item>
            )}
          />
          <div style={{ flex: 1, minWidth: 0 }}>
            {current ? (
              <ConflictEditor key={current} id={current} />
            ) : (
              <Empty description={t('syncUi.conflicts.pick')} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
