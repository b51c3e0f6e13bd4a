// The files on a visit, an issue, a SOW or an account: add (images, PDF, Office, text, within the
// limits the backend checks), preview images and PDFs, save, remove. Browser mode previews from
// the backend's `/files/:id` (served with the file's type, inline only for previewable types);
// the desktop app previews images from the bytes the API returns, and opens PDFs in its dedicated
// preview window (main/electron/pdfPreview.ts): its main window frames nothing.
import {
  Alert,
  Button,
  Drawer,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { AttachmentInfo } from '../../../shared/api/attachments';
import { formatBytes, isPreviewable } from '../../../shared/rules/attachments';
import { useApi, useApiClient, useApiMutation } from '../api/hooks';
import { usePersonName } from '../api/people';
import { errorText } from '../errorText';
import { useLocale } from '../i18n';

function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function bytesOf(base64: string): Uint8Array {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export interface AttachmentsProps {
  target: string;
  /** A SOW's deliverables: a file may be filed under one (a signed acceptance scan). */
  deliverables?: { key: string; item: string }[];
}

export function Attachments({ target, deliverables }: AttachmentsProps) {
  const { t } = useLocale();
  const person = usePersonName();
  const client = useApiClient();
  const list = useApi('attachment.list', { target });
  const add = useApiMutation('attachment.add');
  const remove = useApiMutation('attachment.remove');
  const [error, setError] = useState<string | null>(null);
  const [lastAdded, setLastAdded] = useState<string | null>(null);
  const [deliverableKey, setDeliverableKey] = useState<string | undefined>();
  const [preview, setPreview] = useState<{ info: AttachmentInfo; src: string | null } | null>(null);
  const items = list.data?.items ?? [];

  const upload = async (file: File) => {
    setError(null);
    try {
      const added = await add.mutateAsync({
        target,
        name: file.name,
        dataBase64: await readBase64(file),
        ...(deliverableKey ? { deliverableKey } : {}),
      });
      setError(null);
      setLastAdded(added.name);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const open = async (info: AttachmentInfo) => {
    if (client.host === 'http') {
      setPreview({ info, src: `/files/${encodeURIComponent(info.id)}` });
      return;
    }
    if (info.contentType === 'application/pdf' && client.previewPdf) {
      setError(null);
      try {
        await client.previewPdf(info.id);
      } catch (e) {
        setError(errorText(t, e));
      }
      return;
    }
    const got = await client.call('attachment.get', { id: info.id });
    setPreview({
      info,
      src: info.contentType.startsWith('image/')
        ? `data:${info.contentType};base64,${got.dataBase64}`
        : null,
    });
  };

  const save = async (info: AttachmentInfo) => {
    const got = await client.call('attachment.get', { id: info.id });
    const url = URL.createObjectURL(
      new Blob([bytesOf(got.dataBase64) as BlobPart], { type: 'application/octet-stream' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = info.name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const deliverableName = (key?: string) => deliverables?.find((d) => d.key === key)?.item ?? key;

  return (
    <div data-testid="attachments">
      <Space wrap style={{ marginBottom: 8 }}>
        {deliverables && deliverables.length > 0 && (
          <Select
            data-testid="attachment-deliverable"
            style={{ minWidth: 220 }}
            allowClear
            placeholder={t('attachmentsUi.deliverableNone')}
            value={deliverableKey}
            onChange={(v: string | undefined) => setDeliverableKey(v)}
            options={deliverables.map((d) => ({ value: d.key, label: d.item }))}
          />
        )}
        <Upload
          showUploadList={false}
          multiple={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" loading={add.isPending} data-testid="attachment-add">
            {t('attachmentsUi.add')}
          </Button>
        </Upload>
        {list.data && (
          <Typography.Text type="secondary" data-testid="attachment-limits">
            {t('attachmentsUi.limits', {
              file: formatBytes(list.data.maxFileBytes),
              total: formatBytes(list.data.maxTotalBytes),
              used: formatBytes(list.data.totalBytes),
            })}
          </Typography.Text>
        )}
      </Space>
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          data-testid="attachment-error"
          style={{ marginBottom: 8 }}
        />
      )}
      {lastAdded && !error && (
        <Alert
          type="success"
          showIcon
          message={t('attachmentsUi.addedMessage', { name: lastAdded })}
          style={{ marginBottom: 8 }}
          closable
          onClose={() => setLastAdded(null)}
        />
      )}
      <List
        size="small"
        bordered
        dataSource={items}
        locale={{ emptyText: t('attachmentsUi.empty') }}
        renderItem={(a) => (
          <List.Item
            data-testid="attachment-item"
            actions={[
              isPreviewable(a.contentType) ? (
                <Button
                  key="preview"
                  size="small"
                  data-testid="attachment-preview"
                  onClick={() => void open(a)}
                >
                  {t('attachmentsUi.preview')}
                </Button>
              ) : null,
              <Button
                key="save"
                size="small"
                data-testid="attachment-save"
                onClick={() => void save(a)}
              >
                {t('attachmentsUi.save')}
              </Button>,
              <Popconfirm
                key="remove"
                title={t('attachmentsUi.removeConfirm', { name: a.name })}
                onConfirm={() => void remove.mutateAsync({ id: a.id, rev: a.rev })}
              >
                <Button size="small" danger data-testid="attachment-remove">
                  {t('attachmentsUi.remove')}
                </Button>
              </Popconfirm>,
            ].filter(Boolean)}
          >
            <Space direction="vertical" size={0}>
              <Space wrap size={6}>
                <Typography.Text strong data-testid="attachment-name">
                  {a.name}
                </Typography.Text>
                <Tag>{formatBytes(a.size)}</Tag>
                {a.deliverableKey && (
                  <Tag color="blue">
                    {t('attachmentsUi.deliverable')}: {deliverableName(a.deliverableKey)}
                  </Tag>
                )}
              </Space>
              <Typography.Text type="secondary" data-testid="attachment-added">
                {t('attachmentsUi.addedBy', {
                  who: person(a.addedBy),
                  when: dayjs(a.addedAt).format('YYYY-MM-DD HH:mm'),
                })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={preview !== null}
        title={preview?.info.name}
        width={820}
        footer={null}
        onCancel={() => setPreview(null)}
        destroyOnClose
      >
        {preview && preview.src === null && (
          <Alert type="info" message={t('attachmentsUi.noPreview')} />
        )}
        {preview?.src && preview.info.contentType.startsWith('image/') && (
          <img
            data-testid="attachment-image"
            src={preview.src}
            alt={preview.info.name}
            style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', margin: '0 auto' }}
          />
        )}
        {preview?.src && preview.info.contentType === 'application/pdf' && (
          <iframe
            data-testid="attachment-pdf"
            title={preview.info.name}
            src={preview.src}
            style={{ width: '100%', height: '70vh', border: 0 }}
          />
        )}
      </Modal>
    </div>
  );
}

/** A button that opens a document's attachments in a drawer. */
export function AttachmentsButton(props: AttachmentsProps & { title?: string }) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" data-testid="open-attachments" onClick={() => setOpen(true)}>
        {t('attachmentsUi.title')}
      </Button>
      <Drawer
        open={open}
        width={640}
        title={
          props.title ? `${t('attachmentsUi.title')} · ${props.title}` : t('attachmentsUi.title')
        }
        onClose={() => setOpen(false)}
        destroyOnClose
      >
        {open && <Attachments target={props.target} deliverables={props.deliverables} />}
      </Drawer>
    </>
  );
}
