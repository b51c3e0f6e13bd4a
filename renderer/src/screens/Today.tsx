// Today, a CSM's cockpit: this week's visits and the tasks due first, then renewals and alerts,
// then overdue issues and recent changes. Every group says how many it shows of how many
// ("5 of 138"), pages with "more", folds away, and follows one filter; nothing is cut silently.
import { Alert, Button, Input, Modal, Row, Col, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../api/hooks';
import { useDirectory } from '../api/people';
import { CalendarDownload } from '../components/CalendarDownload';
import { LogTouchpointPicker } from '../components/LogTouchpoint';
import { useLocale } from '../i18n';
import { FirstRun } from './FirstRun';
import { WhoAreYou } from './WhoAreYou';
import { PAGE_SIZE, TodayGroupCard, type GroupFilter } from './today/TodayGroupCard';
import { AlertRow, ChangeRow, IssueRow, RenewalRow, TaskRow, VisitRow } from './today/rows';

export function Today() {
  const { t } = useLocale();
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const facets = useApi('app.accountFacets', {});
  const identity = useApi('app.identity', {});
  const { name } = useDirectory();
  const [switching, setSwitching] = useState(false);
  // The head of the page (week, accounts) comes with the first group.
  // Same input as the visits card's first page (TodayGroupCard), so it is one request.
  const head = useApi('today.group', {
    group: 'visits',
    scope,
    ...(q ? { q } : {}),
    offset: 0,
    limit: PAGE_SIZE,
  });
  if (facets.data && facets.data.total === 0) return <FirstRun />;
  const d = head.data;
  const login = identity.data?.login ?? '';
  const me = name(login);
  const filter: GroupFilter = { scope, ...(q ? { q } : {}) };
  return (
    <div data-testid="screen-today">
      <Space style={{ marginBottom: 12 }} align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ui.today.title')}
        </Typography.Title>
        {d && (
          <Typography.Text type="secondary">
            {t('ui.today.week', { from: d.weekStart, to: d.weekEnd })}
          </Typography.Text>
        )}
        <Segmented
          value={scope}
          onChange={(v) => setScope(v as 'mine' | 'all')}
          data-testid="today-scope"
          options={[
            { value: 'mine', label: t('today.mineOf', { name: me }) },
            { value: 'all', label: t('today.allTeam') },
          ]}
        />
        {identity.data?.source !== 'server' && (
          <Button
            size="small"
            type="link"
            data-testid="identity-switch"
            onClick={() => setSwitching(true)}
          >
            {t('identity.switch')}
          </Button>
        )}
        {d && (
          <Typography.Text type="secondary">
            {t('ui.today.accounts', { count: d.accounts })}
          </Typography.Text>
        )}
        <Input.Search
          allowClear
          data-testid="today-filter"
          placeholder={t('tasks.filter')}
          style={{ width: 240 }}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            if (!e.target.value) setQ('');
          }}
          onSearch={(v) => setQ(v.trim())}
        />
        <LogTouchpointPicker />
        <CalendarDownload scope={scope} subscription />
      </Space>
      {scope === 'mine' && d && d.accounts === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="today-none-assigned"
          message={t('today.noneAssigned', { name: me, login })}
          action={
            <Button size="small" onClick={() => setScope('all')}>
              {t('today.allTeam')}
            </Button>
          }
        />
      )}
      <Modal
        open={switching}
        footer={null}
        width={720}
        onCancel={() => setSwitching(false)}
        destroyOnHidden
      >
        <WhoAreYou suggestedLogin={login} onDone={() => setSwitching(false)} />
      </Modal>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <TodayGroupCard
              group="visits"
              title={t('tasks.group.visits')}
              testId="today-visits"
              filter={filter}
              renderItem={(v) => <VisitRow visit={v} />}
            />
            <TodayGroupCard
              group="tasks"
              title={t('tasks.group.tasks')}
              testId="today-actions"
              filter={filter}
              toggles={{ overdueOnly: true }}
              renderItem={(task) => <TaskRow task={task} />}
            />
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <TodayGroupCard
              group="renewals"
              title={t('tasks.group.renewals')}
              testId="today-renewals"
              filter={filter}
              renderItem={(r) => <RenewalRow renewal={r} />}
            />
            <TodayGroupCard
              group="alerts"
              title={t('tasks.group.alerts')}
              testId="today-alerts"
              filter={filter}
              toggles={{ severity: true }}
              renderItem={(a, page) => <AlertRow alert={a} today={page.today} />}
            />
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <TodayGroupCard
            group="issues"
            title={t('tasks.group.issues')}
            testId="today-issues"
            filter={filter}
            collapsed
            renderItem={(i) => <IssueRow issue={i} />}
          />
        </Col>
        <Col xs={24} lg={12}>
          <TodayGroupCard
            group="changes"
            title={t('tasks.group.changes')}
            testId="today-changes"
            filter={filter}
            collapsed
            renderItem={(c) => <ChangeRow change={c} />}
          />
        </Col>
      </Row>
    </div>
  );
}
