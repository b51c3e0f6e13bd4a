// Search everywhere (Ctrl/Cmd+K): full-text over every type, results grouped by type.
import { Empty, Input, List, Modal, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { SearchHit } from '../../../shared/api/types';
import { useApi } from '../api/hooks';
import { useLocale } from '../i18n';
import { navigate } from '../route';
import { Highlight } from './Highlight';

/** The workspace tab that shows a document of this type. */
export function tabOfType(type: string): string {
  const tabs: Record<string, string> = {
    issue: 'issues',
    visit: 'visits',
    contact: 'contacts',
    handover: 'handover',
    sow: 'sow',
    projectPlan: 'plan',
    successPlan: 'success',
  };
  return tabs[type] ?? 'overview';
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function SearchPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, label } = useLocale();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 150);
  const result = useApi(
    'search.query',
    { q: query, limit: 50 },
    { enabled: open && query.length > 0 },
  );
  const groups = useMemo(() => {
    const byType = new Map<string, SearchHit[]>();
    for (const hit of result.data?.hits ?? []) {
      byType.set(hit.type, [...(byType.get(hit.type) ?? []), hit]);
    }
    return [...byType.entries()];
  }, [result.data]);

  const go = (hit: SearchHit) => {
    onClose();
    navigate({ screen: 'account', id: hit.accountId, tab: tabOfType(hit.type) });
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      title={t('ui.search.title')}
      width={720}
      destroyOnHidden
      afterOpenChange={(visible) => !visible && setQ('')}
    >
      <Input.Search
        autoFocus
        data-testid="search-input"
        placeholder={t('ui.search.placeholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        allowClear
      />
      <div data-testid="search-results" style={{ maxHeight: 480, overflow: 'auto', marginTop: 12 }}>
        {result.isFetching && <Spin size="small" />}
        {query && result.data && groups.length === 0 && <Empty description={t('ui.search.none')} />}
        {groups.map(([type, hits]) => (
          <div key={type} data-testid={`search-group-${type}`} style={{ marginBottom: 12 }}>
            <Typography.Title level={5}>
              {label('docType', type)} ({hits.length})
            </Typography.Title>
            <List
              size="small"
              dataSource={hits}
              renderItem={(hit) => (
                <List.Item
                  style={{ cursor: 'pointer' }}
                  onClick={() => go(hit)}
                  data-testid="search-hit"
                >
                  <List.Item.Meta
                    title={
                      <span>
                        {hit.title || label('docType', hit.type)}{' '}
                        <Typography.Text type="secondary">· {hit.accountName}</Typography.Text>
                      </span>
                    }
                    description={<Highlight text={hit.snippet} />}
                  />
                </List.Item>
              )}
            />
          </div>
        ))}
      </div>
    </Modal>
  );
}
