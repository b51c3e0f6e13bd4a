// A status move (`requirements.setStatus`). A move that needs nothing more goes at once; one to
// planned (or on, without a release) asks for the release, one to declined for the reason. The
// backend's refusal (a CSM on the team server, a move the rules do not allow) is said in words,
// on the field it names when it names one.
import { App as AntApp, Form, Input, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { RequirementStatus } from '../../../../shared/domain/entities/requirement';
import { useApiMutation } from '../../api/hooks';
import { errorText } from '../../errorText';
import { fieldErrorsOf, showFieldErrors } from '../../forms';
import { testIdProps } from '../../entityWriter';
import { useLocale } from '../../i18n';
import { moveNeeds } from './moves';

export interface MoveRequest {
  row: { id: string; rev: string; title: string; status: RequirementStatus; release?: string };
  to: RequirementStatus;
}

export function MoveDialog({
  request,
  onClose,
  onMoved,
}: {
  request: MoveRequest;
  onClose: () => void;
  onMoved: () => void;
}) {
  const { t, label, locale } = useLocale();
  const { message } = AntApp.useApp();
  const setStatus = useApiMutation('requirements.setStatus');
  const [form] = Form.useForm<{ release?: string; declineReason?: string }>();
  const needs = moveNeeds(request.to, request.row);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  const run = async (extra: { release?: string; declineReason?: string }) => {
    setBusy(true);
    try {
      const result = await setStatus.mutateAsync({
        id: request.row.id,
        rev: request.row.rev,
        status: request.to,
        locale,
        ...(extra.release?.trim() ? { release: extra.release.trim() } : {}),
        ...(extra.declineReason?.trim() ? { declineReason: extra.declineReason.trim() } : {}),
      });
      const status = label('requirementStatus', request.to);
      message.success(t('requirementsUi.move.done', { title: request.row.title, status }));
      const tasks = result.tasksCreated.length;
      if (tasks > 0) message.info(t('requirementsUi.move.tasks', { n: tasks }));
      onMoved();
    } catch (error) {
      const { fields, general } = fieldErrorsOf(error, t);
      const own = fields.filter((f) => f.name[0] === 'release' || f.name[0] === 'declineReason');
      if (needs && own.length) showFieldErrors(form, own);
      else {
        message.error(general.length ? general.join('; ') : errorText(t, error));
        onClose();
      }
    } finally {
      setBusy(false);
    }
  };

  // A move that needs nothing more is made straight away.
  useEffect(() => {
    if (needs || started.current) return;
    started.current = true;
    void run({});
  }, []);

  if (!needs) return null;
  return (
    <Modal
      open
      title={t('requirementsUi.move.title', { status: label('requirementStatus', request.to) })}
      okText={t('requirementsUi.move.ok')}
      okButtonProps={{ ...testIdProps('move-ok'), loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void run(values)}
        initialValues={{ release: request.row.release }}
      >
        {needs === 'release' ? (
          <Form.Item
            name="release"
            label={t('requirementsUi.move.release')}
            rules={[{ required: true, whitespace: true, message: t('ui.common.required') }]}
          >
            <Input autoFocus data-testid="move-release" onPressEnter={() => form.submit()} />
          </Form.Item>
        ) : (
          <Form.Item
            name="declineReason"
            label={t('requirementsUi.move.declineReason')}
            rules={[{ required: true, whitespace: true, message: t('ui.common.required') }]}
          >
            <Input.TextArea autoFocus data-testid="move-reason" autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
