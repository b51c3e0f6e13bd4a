// Today's early-warning alerts for the acting user, with acknowledge and snooze.
import { Button, Card, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import { DatePicker } from './DayPicker';
import dayjs from 'dayjs';
import type { ListedAlert } from '../../../shared/api/health';
import type { MessageKey } from '../../../shared/i18n';
import { useApi, useApiMutation } from '../api/hooks';
import { useLocale, type Translate } from '../i18n';
import { hrefOf } from '../route';
import { enumLabel } from '../../../shared/i18n/enumLabel';

const SEVERITY_COLORS: Record<ListedAlert['severity'], string> = {
  high: 'red',
  medium: 'orange',
  low: 'blue',
};

/** An alert's message, its params with a key person's role translated. */
export function alertMessage(t: Translate, a: Pick<ListedAlert, 'rule' | 'params'>): string {
  const params = { ...a.params };
  if (typeof params.role === 'string') params.role = enumLabel(t, 'contactRole', params.role);
  return t(`health.alert.${a.rule}` as MessageKey, params);
}

export function AlertsCard({ scope }: { scope: 'mine' | 'all' }) {
  const { t } = useLocale();
  const info = useApi('system.info', {});
  const user = info.data?.user;
  // "mine" waits for the user's name so another CSM's alerts never flash by.
  const alerts = useApi(
    'alerts.list',
    scope === 'mine' && user ? { ownerCsm: user, limit: 50 } : { limit: 50 },
    { enabled: scope === 'all' || Boolean(user) },
  );
  const acknowledge = useApiMutation('alerts.acknowledge');
  const snooze = useApiMutation('alerts.snooze');
  const d = alerts.data;

  const message = (a: ListedAlert) => alertMessage(t, a);

  return (
    <Card
      title={t('portfolioUi.alerts.title')}
      size="small"
      loading={alerts.isLoading}
      data-testid="today-alerts"
      extra={
        d && (
          <Typography.Text type="secondary">
            {t('portfolioUi.alerts.count', { shown: d.total, hidden: d.hidden })}
          </Typography.Text>
        )
      }
    >
      {d?.items.length ? (
        <List
          size="small"
          dataSource={d.items}
          renderItem={(a) => (
            <List.Item
              data-testid="alert-item"
              actions={[
                <Button
                  key="ack"
                  size="small"
                  data-testid="alert-ack"
                  loading={acknowledge.isPending && acknowledge.variables?.key === a.key}
                  onClick={() => acknowledge.mutate({ key: a.key })}
                >
                  {t('portfolioUi.alerts.ack')}
                </Button>,
                <Popover
                  key="snooze"
                  trigger="click"
                  title={t('portfolioUi.alerts.snoozeUntil')}
                  content={
                    <DatePicker
                      data-testid="alert-snooze-date"
                      disabledDate={(day) => day.isBefore(dayjs(d.today), 'day')}
                      onChange={(day) =>
                        day && snooze.mutate({ key: a.key, until: day.format('YYYY-MM-DD') })
                      }
                    />
                  }
                >
                  <Button size="small" data-testid="alert-snooze">
                    {t('portfolioUi.alerts.snooze')}
                  </Button>
                </Popover>,
              ]}
            >
              <Space wrap>
                <Tag color={SEVERITY_COLORS[a.severity]}>
                  {t(`health.severity.${a.severity}` as MessageKey)}
                </Tag>
                <Tag>{t(`health.rule.${a.rule}` as MessageKey)}</Tag>
                <a href={hrefOf({ screen: 'account', id: a.accountId, tab: 'overview' })}>
                  {a.accountName}
                </a>
                <span>{message(a)}</span>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portfolioUi.alerts.none')} />
      )}
    </Card>
  );
}
