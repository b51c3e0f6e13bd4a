// Merging a duplicate into the requirement to keep (`requirements.merge`): the requirement to
// keep is found by the same full-text search as raising one; every ask moves with it.
import { App as AntApp, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { Locale } from '../../../../shared/i18n';
import { useApi, useApiMutation } from '../../api/hooks';
import { errorText } from '../../errorText';
import { testIdProps } from '../../entityWriter';
import { useLocale } from '../../i18n';
import { navigate } from '../../route';

export function MergeDialog({
  from,
  onClose,
}: {
  from: { id: string; title: string };
  locale: Locale;
  onClose: () => void;
}) {
  const { t, label } = useLocale();
  const { message } = AntApp.useApp();
  const merge = useApiMutation('requirements.merge');
  const [text, setText] = useState(from.title);
  const [into, setInto] = useState<string | undefined>();
  const similar = useApi(
    'requirements.similar',
    { text: text.trim() || from.title, limit: 10 },
    { placeholderData: (prev) => prev },
  );
  const choices = (similar.data?.hits ?? []).filter((m) => m.id !== from.id);
  const run = async () => {
    if (!into) return;
    try {
      await merge.mutateAsync({ fromId: from.id, intoId: into });
      message.success(t('requirementsUi.page.mergeDone'));
      onClose();
      navigate({ screen: 'requirement', id: into });
    } catch (error) {
      message.error(errorText(t, error));
    }
  };
  return (
    <Modal
      open
      title={t('requirementsUi.page.mergeTitle', { title: from.title })}
      okText={t('requirementsUi.page.mergeOk')}
      okButtonProps={{ ...testIdProps('merge-ok'), disabled: !into, loading: merge.isPending }}
      onOk={() => void run()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        {t('requirementsUi.page.mergePick')}
      </Typography.Paragraph>
      <Select
        showSearch
        style={{ width: '100%' }}
        data-testid="merge-into"
        filterOption={false}
        onSearch={setText}
        value={into}
        onChange={setInto}
        loading={similar.isFetching}
        options={choices.map((m) => ({
          value: m.id,
          label: `${m.title} · ${label('requirementStatus', m.status)} · ${t('requirementsUi.card.accounts', { n: m.accounts })}`,
        }))}
      />
    </Modal>
  );
}
