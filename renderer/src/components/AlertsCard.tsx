// An early-warning alert's words and its acknowledge and snooze buttons (Today's alerts group,
// the Health tab).
import { Button, Popover } from 'antd';
import { DatePicker } from './DayPicker';
import dayjs from 'dayjs';
import type { ListedAlert } from '../../../shared/api/health';
import { useApiMutation } from '../api/hooks';
import { useLocale } from '../i18n';
import { alertMessage } from '../../../shared/i18n/alertMessage';

export { alertMessage };

export const SEVERITY_COLORS: Record<ListedAlert['severity'], string> = {
  high: 'red',
  medium: 'orange',
  low: 'blue',
};

/** Acknowledge and snooze-until-a-day buttons of one alert (the list item's actions). */
export function alertButtons(a: ListedAlert, today: string) {
  return [<AckButton key="ack" alert={a} />, <SnoozeButton key="snooze" alert={a} today={today} />];
}

function AckButton({ alert: a }: { alert: ListedAlert }) {
  const { t } = useLocale();
  const acknowledge = useApiMutation('alerts.acknowledge');
  return (
    <Button
      size="small"
      data-testid="alert-ack"
      loading={acknowledge.isPending}
      onClick={() => acknowledge.mutate({ key: a.key })}
    >
      {t('portfolioUi.alerts.ack')}
    </Button>
  );
}

function SnoozeButton({ alert: a, today }: { alert: ListedAlert; today: string }) {
  const { t } = useLocale();
  const snooze = useApiMutation('alerts.snooze');
  return (
    <Popover
      trigger="click"
      title={t('portfolioUi.alerts.snoozeUntil')}
      content={
        <DatePicker
          data-testid="alert-snooze-date"
          disabledDate={(day) => day.isBefore(dayjs(today), 'day')}
          onChange={(day) => day && snooze.mutate({ key: a.key, until: day.format('YYYY-MM-DD') })}
        />
      }
    >
      <Button size="small" data-testid="alert-snooze">
        {t('portfolioUi.alerts.snooze')}
      </Button>
    </Popover>
  );
}
