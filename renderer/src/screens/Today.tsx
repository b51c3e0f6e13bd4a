// Today: this week's visits, open and overdue action items, overdue issues, renewals coming up,
// and recent changes on my accounts.
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  List,
  Modal,
  Row,
  Segmented,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useApi } from '../api/hooks';
import { useDirectory } from '../api/people';
import { AlertsCard } from '../components/AlertsCard';
import { useLocale } from '../i18n';
import { hrefOf } from '../route';
import { FirstRun } from './FirstRun';
import { WhoAreYou } from './WhoAreYou';

const accountLink = (accountId: string, name: string, tab = 'overview') => (
  <a href={hrefOf({ screen: 'account', id: accountId, tab })}>{name}</a>
);

/** One card of Today: a titled list, or "nothing" when it is empty. */
function TodayList<T>(props: {
  title: string;
  testId: string;
  loading: boolean;
  items: T[] | undefined;
  empty: ReactNode;
  renderItem: (item: T) => ReactNode;
}) {
  return (
    <Card title={props.title} size="small" loading={props.loading} data-testid={props.testId}>
      {props.items?.length ? (
        <List size="small" dataSource={props.items} renderItem={props.renderItem} />
      ) : (
        props.empty
      )}
    </Card>
  );
}

export function Today() {
  const { t, label } = useLocale();
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const today = useApi('app.today', { scope });
  const facets = useApi('app.accountFacets', {});
  const identity = useApi('app.identity', {});
  const { name } = useDirectory();
  const [switching, setSwitching] = useState(false);
  if (facets.data && facets.data.total === 0) return <FirstRun />;
  const d = today.data;
  const login = identity.data?.login ?? '';
  const me = name(login);
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.today.nothing')} />;
  return (
    <div data-testid="screen-today">
      <Space style={{ marginBottom: 16 }} align="center" wrap>
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
      </Space>
      {scope === 'mine' && d && d.accounts === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
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
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <AlertsCard scope={scope} />
        </Col>
        <Col xs={24} lg={12}>
          <TodayList
            title={t('ui.today.visits')}
            testId="today-visits"
            loading={today.isLoading}
            items={d?.visits}
            empty={empty}
            renderItem={(v) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text>
                    {v.date} {v.time ?? ''}
                  </Typography.Text>
                  {accountLink(v.accountId, v.accountName, 'visits')}
                  <span>{v.purpose}</span>
                  <Tag>{label('visitStatus', v.status)}</Tag>
                </Space>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} lg={12}>
          <TodayList
            title={t('ui.today.actionItems')}
            testId="today-actions"
            loading={today.isLoading}
            items={d?.actionItems}
            empty={empty}
            renderItem={(i) => (
              <List.Item>
                <Space wrap>
                  {i.overdue ? (
                    <Tag color="red">{t('ui.today.overdue')}</Tag>
                  ) : (
                    <Tag>{i.dueDate}</Tag>
                  )}
                  <span>{i.title}</span>
                  <Typography.Text type="secondary">{name(i.owner)}</Typography.Text>
                  {accountLink(i.accountId, i.accountName, 'visits')}
                  {i.overdue && <Typography.Text type="danger">{i.dueDate}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} lg={12}>
          <TodayList
            title={t('ui.today.overdueIssues')}
            testId="today-issues"
            loading={today.isLoading}
            items={d?.overdueIssues}
            empty={empty}
            renderItem={(i) => (
              <List.Item>
                <Space wrap>
                  <Tag color="volcano">{label('issuePriority', i.priority)}</Tag>
                  <span>{i.title}</span>
                  {accountLink(i.accountId, i.accountName, 'issues')}
                  <Typography.Text type="danger">{i.dueDate}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} lg={12}>
          <TodayList
            title={t('ui.today.renewals')}
            testId="today-renewals"
            loading={today.isLoading}
            items={d?.renewals}
            empty={empty}
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  {accountLink(r.accountId, r.accountName)}
                  <span>{r.renewalDate}</span>
                  <Tag color={r.daysLeft <= 30 ? 'orange' : 'blue'}>
                    {t('ui.today.daysLeft', { days: r.daysLeft })}
                  </Tag>
                  <Typography.Text type="secondary">{r.arr.toLocaleString()}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Col>
        <Col span={24}>
          <TodayList
            title={t('ui.today.changes')}
            testId="today-changes"
            loading={today.isLoading}
            items={d?.recentChanges}
            empty={empty}
            renderItem={(c) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text type="secondary">
                    {c.at?.slice(0, 16).replace('T', ' ')}
                  </Typography.Text>
                  {accountLink(c.accountId, c.accountName)}
                  <span>
                    {name(c.by)} · {label('timelineAction', c.action)} ·{' '}
                    {label('docType', c.targetType)}
                  </span>
                  {c.targetTitle && <Typography.Text>{c.targetTitle}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </div>
  );
}
