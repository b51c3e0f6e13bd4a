// The requirements library (需求库): one board, three views. By status: a column per status of
// the loop, each paged with its own count, cards moved by drag, by their arrow buttons or by
// Alt+←/Alt+→. By score: the ranked table. By product area: a ranked table per area. Filters
// (tier, CSM, product area, text) apply to every view.
import { App as AntApp, Button, Input, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { tiers } from '../../../../shared/domain/entities/account';
import { productAreas, type ProductArea } from '../../../../shared/domain/entities/requirement';
import type { MessageKey } from '../../../../shared/i18n';
import { useApiClient } from '../../api/hooks';
import { useDirectory } from '../../api/people';
import { errorText } from '../../errorText';
import { useLocale } from '../../i18n';
import { BoardColumns } from './BoardColumns';
import { RankedTable } from './RankedTable';
import type { BoardFilters } from './types';
import { download } from './download';

type View = 'status' | 'score' | 'area';
const VIEW_KEY = 'csm.requirements.view';

export function RequirementsBoard() {
  const { t, locale, options } = useLocale();
  const { message } = AntApp.useApp();
  const client = useApiClient();
  const { members, name } = useDirectory();
  const [view, setView] = useState<View>(
    () => (globalThis.localStorage?.getItem(VIEW_KEY) as View | null) ?? 'status',
  );
  const [tier, setTier] = useState<string[]>([]);
  const [csm, setCsm] = useState<string[]>([]);
  const [area, setArea] = useState<ProductArea[]>([]);
  const [q, setQ] = useState('');
  const [exporting, setExporting] = useState(false);
  const filters: BoardFilters = {
    ...(tier.length ? { tier: tier as BoardFilters['tier'] } : {}),
    ...(csm.length ? { csm } : {}),
    ...(area.length ? { productArea: area } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
  };

  const tierOptions = options('tier', tiers);
  const csmOptions = members.map((m) => ({ value: m.login, label: name(m.login) }));
  const areaOptions = options('productArea', productAreas);

  const chooseView = (next: View) => {
    globalThis.localStorage?.setItem(VIEW_KEY, next);
    setView(next);
  };

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = await client.call('requirements.export', { ...filters, locale });
      download(file.fileName, file.contentType, file.base64);
      message.success(t('requirementsUi.board.exported', { file: file.fileName }));
    } catch (error) {
      message.error(errorText(t, error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div data-testid="screen-requirements">
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('requirementsUi.board.title')}
        </Typography.Title>
        <Segmented
          data-testid="board-view"
          value={view}
          onChange={(v) => chooseView(v as View)}
          options={[
            { value: 'status', label: t('requirementsUi.board.view.status') },
            { value: 'score', label: t('requirementsUi.board.view.score') },
            { value: 'area', label: t('requirementsUi.board.view.area') },
          ]}
        />
        <Button data-testid="board-export" loading={exporting} onClick={() => void exportXlsx()}>
          {t('requirementsUi.board.export')}
        </Button>
        <Button href="#/requirement-model" data-testid="board-model">
          {t('requirementsUi.board.model')}
        </Button>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect filter="tier" value={tier} onChange={setTier} options={tierOptions} />
        <FilterSelect filter="csm" value={csm} onChange={setCsm} options={csmOptions} />
        <FilterSelect filter="area" value={area} onChange={setArea} options={areaOptions} />
        <Input.Search
          allowClear
          style={{ width: 240 }}
          data-testid="board-filter-q"
          placeholder={t('requirementsUi.board.filter.q')}
          onSearch={setQ}
        />
      </Space>
      {view === 'status' && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('requirementsUi.board.moveHint')}
          </Typography.Paragraph>
          <BoardColumns filters={filters} />
        </>
      )}
      {view === 'score' && <RankedTable filters={filters} testId="board-ranked" />}
      {view === 'area' && (
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          {(area.length ? area : productAreas).map((a) => (
            <RankedTable
              key={a}
              filters={{ ...filters, productArea: [a] }}
              testId={`board-area-${a}`}
              titleArea={a}
              pageSize={10}
            />
          ))}
        </Space>
      )}
    </div>
  );
}

/** The board's multiple-choice filters (test id `board-filter-<name>`). */
const FILTERS = {
  tier: { placeholder: 'requirementsUi.board.filter.tier', minWidth: 160 },
  // Typing matches the display names, not the login ids.
  csm: { placeholder: 'requirementsUi.board.filter.csm', minWidth: 200, optionFilterProp: 'label' },
  area: { placeholder: 'requirementsUi.board.filter.area', minWidth: 180 },
} satisfies Record<
  string,
  { placeholder: MessageKey; minWidth: number; optionFilterProp?: string }
>;

/** One of the board's filters: several values, cleared with one click. */
function FilterSelect<T extends string>({
  filter,
  value,
  onChange,
  options,
}: {
  filter: keyof typeof FILTERS;
  value: T[];
  onChange: (value: T[]) => void;
  options: { value: string; label: string }[];
}) {
  const { t } = useLocale();
  const { placeholder, minWidth, ...search } = FILTERS[filter];
  return (
    <Select
      mode="multiple"
      allowClear
      style={{ minWidth }}
      data-testid={`board-filter-${filter}`}
      placeholder={t(placeholder)}
      value={value}
      onChange={onChange}
      {...search}
      options={options}
    />
  );
}
