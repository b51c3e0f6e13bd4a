// The calendar feed in the app: "Download .ics" of Today's accounts or of one account's visits
// (with a switch for the due dates of open action items and tasks), and on Today the user's
// subscription URL: created on request, copied, regenerated or revoked.
import { App, Alert, Button, Checkbox, Dropdown, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { CALENDAR_FEED_PATH, DESKTOP_FEED_PORT } from '../../../shared/api/calendar';
import { useApi, useApiClient, useApiMutation } from '../api/hooks';
import { errorText } from '../errorText';
import { useLocale } from '../i18n';

/** Saves text as a file through a temporary <a download> (browser mode and Electron alike). */
function saveText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function CalendarDownload(
  props: ({ scope: 'mine' | 'all' } | { accountId: string }) & {
    /** Offers the user's subscription URL in the menu too (Today). */
    subscription?: boolean;
  },
) {
  const { t, locale } = useLocale();
  const client = useApiClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [subscribing, setSubscribing] = useState(false);
  const download = async (tasks: boolean) => {
    setBusy(true);
    try {
      const file = await client.call('calendar.export', {
        lang: locale,
        tasks,
        ...('accountId' in props ? { accountId: props.accountId } : { scope: props.scope }),
      });
      saveText(file.fileName, file.text, 'text/calendar;charset=utf-8');
      void message.success(t('calendar.downloaded', { visits: file.visits, tasks: file.tasks }));
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Space.Compact size="small">
        <Button
          size="small"
          loading={busy}
          data-testid="calendar-download"
          onClick={() => void download(false)}
        >
          {t('calendar.download')}
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              {
                key: 'tasks',
                label: (
                  <span data-testid="calendar-download-tasks">{t('calendar.includeTasks')}</span>
                ),
              },
              ...(props.subscription
                ? [
                    {
                      key: 'subscribe',
                      label: (
                        <span data-testid="calendar-subscribe">{t('calendar.subscribe')}</span>
                      ),
                    },
                  ]
                : []),
            ],
            onClick: ({ key }) =>
              key === 'subscribe' ? setSubscribing(true) : void download(true),
          }}
        >
          <Button size="small" aria-label={t('calendar.more')} data-testid="calendar-download-more">
            ▾
          </Button>
        </Dropdown>
      </Space.Compact>
      {props.subscription && (
        <CalendarSubscription open={subscribing} onClose={() => setSubscribing(false)} />
      )}
    </>
  );
}

/** Where this host serves the subscription: browser mode's own server, or the desktop's. */
function feedBase(): string {
  return window.location.protocol === 'http:'
    ? window.location.origin
    : `http://127.0.0.1:${DESKTOP_FEED_PORT}`;
}

/** The user's subscription URL: created on request, copied, regenerated or revoked. */
function CalendarSubscription({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const status = useApi('calendar.feedStatus', {}, { enabled: open });
  const create = useApiMutation('calendar.feedCreate');
  const revoke = useApiMutation('calendar.feedRevoke');
  const [tasks, setTasks] = useState(false);
  const feed = status.data;
  const url = feed?.token ? `${feedBase()}${CALENDAR_FEED_PATH}?token=${feed.token}` : '';
  const failed = (error: unknown) => void message.error(errorText(t, error));
  return (
    <>
      <Modal
        open={open}
        title={t('calendar.subscribe')}
        footer={null}
        onCancel={onClose}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }} data-testid="calendar-feed">
          {feed && !feed.active && (
            <Typography.Paragraph>{t('calendar.feed.none')}</Typography.Paragraph>
          )}
          {feed?.active && (
            <>
              <Typography.Text strong>{t('calendar.feed.url')}</Typography.Text>
              <Space.Compact style={{ width: '100%' }}>
                <Input readOnly value={url} data-testid="calendar-feed-url" />
                <Button
                  onClick={() =>
                    void navigator.clipboard
                      .writeText(url)
                      .then(() => message.success(t('calendar.feed.copied')), failed)
                  }
                >
                  {t('calendar.feed.copy')}
                </Button>
              </Space.Compact>
            </>
          )}
          <Alert type="info" showIcon message={t('calendar.feed.hint')} />
          <Checkbox checked={tasks} onChange={(e) => setTasks(e.target.checked)}>
            {t('calendar.includeTasks')}
          </Checkbox>
          <Space wrap>
            <Button
              type={feed?.active ? 'default' : 'primary'}
              data-testid="calendar-feed-create"
              loading={create.isPending}
              onClick={() =>
                create.mutate(
                  { lang: locale, tasks },
                  {
                    onSuccess: () => void message.success(t('calendar.feed.created')),
                    onError: failed,
                  },
                )
              }
            >
              {feed?.active ? t('calendar.feed.regenerate') : t('calendar.feed.create')}
            </Button>
            {feed?.active && (
              <Button
                danger
                data-testid="calendar-feed-revoke"
                loading={revoke.isPending}
                onClick={() =>
                  revoke.mutate(
                    {},
                    {
                      onSuccess: () => void message.success(t('calendar.feed.revoked')),
                      onError: failed,
                    },
                  )
                }
              >
                {t('calendar.feed.revoke')}
              </Button>
            )}
          </Space>
        </Space>
      </Modal>
    </>
  );
}
