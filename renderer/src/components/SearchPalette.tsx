// Search everywhere (Ctrl/Cmd+K): full-text over every type, results grouped by type. Keyboard
// first: ↑/↓ move through the hits (or the recently opened items while nothing is typed), Enter
// opens the chosen one. Pages of 50 with "50 of 1,900" and "Show more" (no silent cap); a type
// filter; each hit says enough to tell same-name accounts apart (English name, tier, CSM by
// display name, renewal date); snippets show enum values by their labels.
import { Button, Empty, Input, Modal, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../shared/api/types';
import type { EntityType } from '../../../shared/domain/entities';
import { useApi, useApiClient } from '../api/hooks';
import { usePersonName } from '../api/people';
import { errorText } from '../errorText';
import { useLocale } from '../i18n';
import { navigate } from '../route';
import { Highlight } from './Highlight';

export const SEARCH_PAGE = 50;
const RECENT_KEY = 'csm.search.recent';
const RECENT_MAX = 8;

/** The types a search can be narrowed to, in the order the filter lists them. */
export const SEARCH_TYPES: EntityType[] = [
  'account',
  'contact',
  'issue',
  'visit',
  'contract',
  'handover',
  'sow',
  'projectPlan',
  'successPlan',
  'riskCase',
  'opportunity',
  'touchpoint',
  'survey',
];

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

export function loadRecent(): SearchHit[] {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as SearchHit[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/** Remembers an opened hit at the top of the recent list (once, at most RECENT_MAX). */
export function rememberRecent(hit: SearchHit): SearchHit[] {
  const list = [hit, ...loadRecent().filter((h) => h.id !== hit.id)].slice(0, RECENT_MAX);
  localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  return list;
}

/** Hits in the order they are shown (grouped by type, groups in order of first appearance). */
export function groupHits(hits: SearchHit[]): [string, SearchHit[]][] {
  const byType = new Map<string, SearchHit[]>();
  for (const hit of hits) byType.set(hit.type, [...(byType.get(hit.type) ?? []), hit]);
  return [...byType.entries()];
}

/** The next active index for an arrow key, wrapping at both ends. */
export function moveActive(active: number, count: number, key: string): number {
  if (count === 0) return 0;
  if (key === 'ArrowDown') return (active + 1) % count;
  if (key === 'ArrowUp') return (active - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return active;
}

export function SearchPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, label, locale } = useLocale();
  const person = usePersonName();
  const client = useApiClient();
  const [q, setQ] = useState('');
  const [type, setType] = useState<EntityType | 'all'>('all');
  const [more, setMore] = useState<SearchHit[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [recent, setRecent] = useState<SearchHit[]>(loadRecent);
  const listRef = useRef<HTMLDivElement>(null);
  const query = useDebounced(q.trim(), 150);
  const input = {
    q: query,
    limit: SEARCH_PAGE,
    locale,
    ...(type === 'all' ? {} : { types: [type] }),
  };
  const result = useApi('search.query', input, { enabled: open && query.length > 0 });
  const searching = query.length > 0;

  // A new query or type starts again from its first page.
  useEffect(() => {
    setMore([]);
    setActive(0);
    setMoreError(null);
  }, [query, type, locale]);

  const hits = useMemo(
    () => (searching ? [...(result.data?.hits ?? []), ...more] : recent),
    [searching, result.data, more, recent],
  );
  const groups = useMemo(() => groupHits(hits), [hits]);
  const shown = useMemo(() => groups.flatMap(([, list]) => list), [groups]);
  const total = result.data?.total ?? 0;

  useEffect(() => {
    listRef.current
      ?.querySelector(`[data-index="${active}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  // Closing empties the query at once, so the palette opened again shows the recent items.
  const close = () => {
    setQ('');
    onClose();
  };
  const go = (hit: SearchHit) => {
    setRecent(rememberRecent(hit));
    close();
    navigate({ screen: 'account', id: hit.accountId, tab: tabOfType(hit.type) });
  };

  const loadMore = async () => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await client.call('search.query', {
        ...input,
        offset: (result.data?.hits.length ?? 0) + more.length,
      });
      setMore((m) => [...m, ...page.hits]);
    } catch (error) {
      setMoreError(errorText(t, error));
    } finally {
      setLoadingMore(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (['ArrowDown', 'ArrowUp'].includes(e.key)) {
      e.preventDefault();
      setActive((a) => moveActive(a, shown.length, e.key));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = shown[active];
      if (hit) go(hit);
    }
  };

  const describe = (hit: SearchHit) => {
    const a = hit.account;
    const parts = [
      hit.accountName + (a?.nameEn && a.nameEn !== hit.accountName ? ` (${a.nameEn})` : ''),
      a?.tier ? label('tier', a.tier) : '',
      a?.ownerCsm ? person(a.ownerCsm) : '',
      a?.renewalDate ? t('uxUi.search.renewal', { date: a.renewalDate }) : '',
    ];
    return parts.filter(Boolean).join(' · ');
  };

  let index = 0;
  return (
    <Modal
      open={open}
      onCancel={close}
      footer={null}
      title={t('ui.search.title')}
      width={760}
      destroyOnHidden
      afterOpenChange={(visible) => visible && setRecent(loadRecent())}
    >
      <div style={{ display: 'flex', gap: 8 }}>
        <div data-testid="search-input" style={{ flex: 1 }}>
          <Input
            autoFocus
            role="combobox"
            aria-expanded={shown.length > 0}
            aria-controls="search-results"
            aria-activedescendant={shown[active] ? `search-hit-${active}` : undefined}
            placeholder={t('ui.search.placeholder')}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            allowClear
          />
        </div>
        <Select
          data-testid="search-type"
          style={{ width: 160 }}
          value={type}
          onChange={setType}
          options={[
            { value: 'all', label: t('uxUi.search.allTypes') },
            ...SEARCH_TYPES.map((v) => ({ value: v, label: label('docType', v) })),
          ]}
        />
      </div>
      <Space style={{ marginTop: 8, justifyContent: 'space-between', display: 'flex' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {searching
            ? result.data
              ? t('uxUi.search.count', {
                  shown: shown.length.toLocaleString(locale),
                  total: total.toLocaleString(locale),
                })
              : ''
            : recent.length
              ? t('uxUi.search.recent')
              : ''}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('uxUi.search.hint')}
        </Typography.Text>
      </Space>
      <div
        id="search-results"
        role="listbox"
        ref={listRef}
        data-testid="search-results"
        style={{ maxHeight: 440, overflow: 'auto', marginTop: 8 }}
      >
        {result.isFetching && <Spin size="small" />}
        {result.error && (
          <Typography.Text type="danger">{errorText(t, result.error)}</Typography.Text>
        )}
        {searching && result.data && groups.length === 0 && (
          <Empty description={t('ui.search.none')} />
        )}
        {groups.map(([groupType, list]) => (
          <div
            key={groupType}
            data-testid={`search-group-${groupType}`}
            style={{ marginBottom: 8 }}
          >
            <Typography.Title level={5} style={{ margin: '4px 0' }}>
              {label('docType', groupType)} ({list.length})
            </Typography.Title>
            {list.map((hit) => {
              const i = index++;
              const selected = i === active;
              return (
                <div
                  key={hit.id}
                  id={`search-hit-${i}`}
                  role="option"
                  aria-selected={selected}
                  data-index={i}
                  data-testid="search-hit"
                  data-active={selected ? 'true' : undefined}
                  onClick={() => go(hit)}
                  onMouseMove={() => !selected && setActive(i)}
                  style={{
                    cursor: 'pointer',
                    padding: '6px 8px',
                    borderRadius: 4,
                    background: selected ? '#e6f4ff' : undefined,
                  }}
                >
                  <div>
                    <Typography.Text strong>
                      {hit.title || label('docType', hit.type)}
                    </Typography.Text>{' '}
                    <Typography.Text type="secondary" data-testid="search-hit-detail">
                      · {describe(hit)}
                    </Typography.Text>
                  </div>
                  {hit.snippet && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <Highlight text={hit.snippet} />
                    </Typography.Text>
                  )}
                </div>
              );
            })}
          </div>
        ))}
        {searching && shown.length < total && (
          <Button
            block
            data-testid="search-more"
            loading={loadingMore}
            onClick={() => void loadMore()}
          >
            {t('uxUi.search.more')} ({shown.length.toLocaleString(locale)} /{' '}
            {total.toLocaleString(locale)})
          </Button>
        )}
        {moreError && <Typography.Text type="danger">{moreError}</Typography.Text>}
      </div>
    </Modal>
  );
}
