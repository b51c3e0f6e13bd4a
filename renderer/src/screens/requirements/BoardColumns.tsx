// The board by status: a column per status, each its own paged request ("5 / 38", show more),
// ranked by score. A card moves by drag and drop, by its arrow buttons, or with Alt+←/Alt+→
// while it has the focus; the move dialog asks for a release or a reason when the move needs one.
import { Button, Card, Empty, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { RequirementStatus } from '../../../../shared/domain/entities/requirement';
import { useApi } from '../../api/hooks';
import { useLocale } from '../../i18n';
import { MoveDialog, type MoveRequest } from './MoveDialog';
import { BOARD_COLUMNS, neighbour } from './moves';
import type { BoardFilters, RequirementRow } from './types';

const PAGE = 10;
const money = (value: number) => Math.round(value).toLocaleString();

export function BoardColumns({ filters }: { filters: BoardFilters }) {
  // The card being dragged: a ref, read by the columns' drag events between renders.
  const dragging = useRef<RequirementRow | null>(null);
  const [over, setOver] = useState<RequirementStatus | null>(null);
  const [move, setMove] = useState<MoveRequest | null>(null);
  // After a keyboard move the card keeps the focus in its new column.
  const [focus, setFocus] = useState<{ id: string; status: RequirementStatus } | null>(null);
  const request = (row: RequirementRow, to: RequirementStatus | undefined, viaKeyboard = false) => {
    if (!to || to === row.status) return;
    setMove({ row, to });
    if (viaKeyboard) setFocus({ id: row.id, status: to });
  };
  return (
    <div
      data-testid="board-columns"
      style={{ display: 'flex', gap: 8, overflowX: 'auto', alignItems: 'flex-start' }}
    >
      {BOARD_COLUMNS.map((status) => (
        <div
          key={status}
          data-testid={`board-column-${status}`}
          onDragOver={(e) => {
            if (!dragging.current) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            if (over !== status) setOver(status);
          }}
          onDragLeave={() => setOver((s) => (s === status ? null : s))}
          onDrop={(e) => {
            e.preventDefault();
            setOver(null);
            if (dragging.current) request(dragging.current, status);
            dragging.current = null;
          }}
          style={{
            flex: '0 0 184px',
            width: 184,
            minWidth: 0,
            background: over === status ? '#e6f4ff' : '#f5f5f5',
            borderRadius: 6,
            padding: 8,
            minHeight: 200,
          }}
        >
          <StatusColumn
            status={status}
            filters={filters}
            focus={focus}
            onFocused={() => setFocus(null)}
            onDragStart={(row) => (dragging.current = row)}
            onDragEnd={() => {
              dragging.current = null;
              setOver(null);
            }}
            onMove={request}
          />
        </div>
      ))}
      {move && (
        <MoveDialog request={move} onClose={() => setMove(null)} onMoved={() => setMove(null)} />
      )}
    </div>
  );
}

function StatusColumn({
  status,
  filters,
  focus,
  onFocused,
  onDragStart,
  onDragEnd,
  onMove,
}: {
  status: RequirementStatus;
  filters: BoardFilters;
  focus: { id: string; status: RequirementStatus } | null;
  onFocused: () => void;
  onDragStart: (row: RequirementRow) => void;
  onDragEnd: () => void;
  onMove: (row: RequirementRow, to: RequirementStatus | undefined, viaKeyboard?: boolean) => void;
}) {
  const { t, label, locale } = useLocale();
  const [pages, setPages] = useState(1);
  const input = { ...filters, status: [status], sort: 'score' as const, locale };
  const first = useApi('requirements.list', { ...input, offset: 0, limit: PAGE });
  const total = first.data?.total ?? 0;
  const shown = Math.min(total, pages * PAGE);
  const card = (row: RequirementRow) => (
    <RequirementCard
      key={row.id}
      row={row}
      // Focused once it shows in the column it moved to (after the refetch).
      autoFocus={row.id === focus?.id && row.status === focus.status}
      onFocused={onFocused}
      onDragStart={() => onDragStart(row)}
      onDragEnd={onDragEnd}
      onMove={(step, viaKeyboard) => onMove(row, neighbour(row.status, step), viaKeyboard)}
    />
  );
  return (
    <>
      <Space style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>{label('requirementStatus', status)}</Typography.Text>
        <Typography.Text type="secondary" data-testid="column-count">
          {t('requirementsUi.board.count', {
            shown: shown.toLocaleString(locale),
            total: total.toLocaleString(locale),
          })}
        </Typography.Text>
      </Space>
      {first.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requirementsUi.board.empty')} />
      ) : (
        <>
          {first.data?.items.map(card)}
          {Array.from({ length: pages - 1 }, (_, i) => (
            <ColumnPage key={i} input={input} offset={(i + 1) * PAGE} render={card} />
          ))}
        </>
      )}
      {shown < total && (
        <Button
          size="small"
          type="link"
          data-testid="column-more"
          onClick={() => setPages((p) => p + 1)}
        >
          {t('requirementsUi.board.more', { n: Math.min(PAGE, total - shown) })}
        </Button>
      )}
      {pages > 1 && (
        <Button size="small" type="link" onClick={() => setPages(1)}>
          {t('requirementsUi.board.collapse')}
        </Button>
      )}
    </>
  );
}

/** A further page of a column: its own request. */
function ColumnPage({
  input,
  offset,
  render,
}: {
  input: BoardFilters & { sort: 'score'; locale: 'zh-CN' | 'en-US' };
  offset: number;
  render: (row: RequirementRow) => React.ReactNode;
}) {
  const page = useApi('requirements.list', { ...input, offset, limit: PAGE });
  if (page.isLoading) return <Skeleton active paragraph={{ rows: 1 }} />;
  return <>{page.data?.items.map(render)}</>;
}

export function RequirementCard({
  row,
  autoFocus,
  onFocused,
  onDragStart,
  onDragEnd,
  onMove,
}: {
  row: RequirementRow;
  autoFocus: boolean;
  onFocused?: () => void;
  onDragStart: () => void;
  onDragEnd: () => void;
  onMove: (step: -1 | 1, viaKeyboard: boolean) => void;
}) {
  const { t, label } = useLocale();
  const left = neighbour(row.status, -1);
  const right = neighbour(row.status, 1);
  return (
    <Card
      size="small"
      tabIndex={0}
      draggable
      data-testid="requirement-card"
      data-id={row.id}
      data-status={row.status}
      aria-label={row.title}
      ref={(el) => {
        if (autoFocus && el && document.activeElement !== el) {
          el.focus();
          onFocused?.();
        }
      }}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', row.id);
        e.dataTransfer.effectAllowed = 'move';
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      onKeyDown={(e) => {
        if (!e.altKey || e.ctrlKey || e.metaKey || e.target !== e.currentTarget) return;
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          e.preventDefault();
          onMove(e.key === 'ArrowLeft' ? -1 : 1, true);
        }
      }}
      style={{ marginBottom: 8, cursor: 'grab', overflow: 'hidden', overflowWrap: 'anywhere' }}
      styles={{ body: { padding: 8 } }}
    >
      <a
        href={`#/requirement/${encodeURIComponent(row.id)}`}
        data-testid="requirement-open"
        draggable={false}
      >
        {row.title}
      </a>
      <div style={{ marginTop: 4 }}>
        <Tag color="blue" data-testid="card-score" title={row.why.join('\n')}>
          {t('requirementsUi.card.score', { score: Math.round(row.score) })}
        </Tag>
        <Tag>{t('requirementsUi.card.accounts', { n: row.accounts })}</Tag>
        <Tag>{t('requirementsUi.card.arr', { arr: money(row.arrAtStake) })}</Tag>
        {row.renewalsSoon > 0 && (
          <Tag color="orange" data-testid="card-renewals">
            {t('requirementsUi.card.renewalsSoon', { n: row.renewalsSoon })}
          </Tag>
        )}
      </div>
      <Space style={{ marginTop: 4, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {label('productArea', row.productArea)}
          {row.release ? ` · ${row.release}` : ''}
        </Typography.Text>
        <Space size={2}>
          <Tooltip title={left && t('requirementsUi.card.moveLeft')}>
            <Button
              size="small"
              type="text"
              disabled={!left}
              data-testid="card-left"
              aria-label={t('requirementsUi.card.moveLeft')}
              onClick={() => onMove(-1, false)}
            >
              ←
            </Button>
          </Tooltip>
          <Tooltip title={right && t('requirementsUi.card.moveRight')}>
            <Button
              size="small"
              type="text"
              disabled={!right}
              data-testid="card-right"
              aria-label={t('requirementsUi.card.moveRight')}
              onClick={() => onMove(1, false)}
            >
              →
            </Button>
          </Tooltip>
        </Space>
      </Space>
    </Card>
  );
}
