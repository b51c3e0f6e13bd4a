// `?` anywhere outside a text field: the keyboard shortcuts of the app.
import { Modal, Table, Typography } from 'antd';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../i18n';

const SHORTCUTS: { keys: string; what: MessageKey }[] = [
  { keys: 'Ctrl/⌘ K', what: 'uxUi.shortcuts.search' },
  { keys: '?', what: 'uxUi.shortcuts.help' },
  { keys: '↑ ↓', what: 'uxUi.shortcuts.move' },
  { keys: 'Enter', what: 'uxUi.shortcuts.open' },
  { keys: 'Ctrl/⌘ Enter', what: 'uxUi.shortcuts.submitText' },
  { keys: 'Esc', what: 'uxUi.shortcuts.close' },
  { keys: 'Alt R', what: 'requirementsUi.shortcuts.raise' },
  { keys: 'Alt ← →', what: 'requirementsUi.shortcuts.move' },
];

export function Shortcuts({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('uxUi.shortcuts.title')}>
      <Table
        data-testid="shortcuts"
        size="small"
        pagination={false}
        showHeader={false}
        rowKey="keys"
        dataSource={SHORTCUTS}
        columns={[
          {
            dataIndex: 'keys',
            width: 140,
            render: (keys: string) => <Typography.Text keyboard>{keys}</Typography.Text>,
          },
          { dataIndex: 'what', render: (key: MessageKey) => t(key) },
        ]}
      />
    </Modal>
  );
}
