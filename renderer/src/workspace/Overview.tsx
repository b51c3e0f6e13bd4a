// The brief a CSM reads in the car park: contract and renewal, stakeholder map, open issues by
// priority, last and next visit, success criteria, special terms and the timeline.
import {
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Progress,
  Row,
  Space,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { AccountBrief } from '../../../shared/api/types';
import { decisionChainRoles } from '../../../shared/domain/entities/contact';
import { issuePriorities } from '../../../shared/domain/entities/issue';
import { useLocale } from '../i18n';
import { HealthBadge } from './Health';
import { AttachmentsButton } from '../components/Attachments';
import { usePersonName } from '../api/people';

const STANCE_COLORS: Record<string, string> = {
  supportive: 'green',
  neutral: 'default',
  opposed: 'red',
};
const INFLUENCE_SIZE: Record<string, number> = { high: 16, medium: 13, low: 11 };

export function Overview({ brief }: { brief: AccountBrief }) {
  const { t, label } = useLocale();
  const person = usePersonName();
  const none = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.common.none')} />;
  const activeContacts = brief.contacts.filter((c) => c.active);
  return (
    <Row gutter={[16, 16]} data-testid="account-brief">
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={t('ui.brief.contract')}
          extra={
            <Space>
              <AttachmentsButton target={brief.account._id} title={brief.account.name} />
              <HealthBadge accountId={brief.account._id} />
            </Space>
          }
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('ui.brief.renewalDate')}>
              {brief.renewalDate ?? '—'}
              {brief.daysToRenewal !== null && (
                <Tag style={{ marginLeft: 8 }} color={brief.daysToRenewal < 90 ? 'orange' : 'blue'}>
                  {t('ui.today.daysLeft', { days: brief.daysToRenewal })}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.brief.arr')}>
              {brief.arr.toLocaleString()}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.brief.contracts')}>
              {brief.contracts.map((c) => c.contractNo).join(', ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.brief.lastVisit')}>
              {brief.lastVisit ? `${brief.lastVisit.date} · ${brief.lastVisit.purpose}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.brief.nextVisit')}>
              {brief.nextVisit ? `${brief.nextVisit.date} · ${brief.nextVisit.purpose}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('ui.field.specialTerms')}>
              {brief.specialTerms.length
                ? brief.specialTerms.map((s) => (
                    <Tag key={s} color="magenta">
                      {s}
                    </Tag>
                  ))
                : '—'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('ui.brief.stakeholders')} data-testid="stakeholder-map">
          {activeContacts.length === 0
            ? none
            : decisionChainRoles
                .map((role) => ({
                  role,
                  people: activeContacts.filter((c) => c.roles.includes(role)),
                }))
                .filter((g) => g.people.length)
                .map((g) => (
                  <div key={g.role} style={{ marginBottom: 6 }}>
                    <Typography.Text
                      type="secondary"
                      style={{ display: 'inline-block', width: 110 }}
                    >
                      {label('contactRole', g.role)}
                    </Typography.Text>
                    {g.people.map((c) => (
                      <Tooltip
                        key={c._id}
                        title={`${c.position ?? ''} · ${label('influence', c.influence)}`}
                      >
                        <Tag
                          color={STANCE_COLORS[c.stance]}
                          style={{ fontSize: INFLUENCE_SIZE[c.influence] }}
                        >
                          {g.role === 'decisionMaker' ? '★ ' : g.role === 'champion' ? '♥ ' : ''}
                          {c.name} · {label('stance', c.stance)}
                        </Tag>
                      </Tooltip>
                    ))}
                  </div>
                ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ui.brief.stakeholderLegend')}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('ui.brief.openIssues', { count: brief.issueCounts.open })}>
          <Space wrap style={{ marginBottom: 8 }}>
            {issuePriorities.map((p) =>
              brief.issueCounts.byPriority[p] ? (
                <Tag key={p} color={p === 'urgentFault' ? 'red' : undefined}>
                  {label('issuePriority', p)}: {brief.issueCounts.byPriority[p]}
                </Tag>
              ) : null,
            )}
          </Space>
          {brief.openIssues.length ? (
            <List
              size="small"
              dataSource={brief.openIssues.slice(0, 8)}
              renderItem={(i) => (
                <List.Item>
                  <Space>
                    <Tag>{label('issuePriority', i.priority)}</Tag>
                    {i.title}
                    <Typography.Text type="secondary">
                      {label('issueStatus', i.status)}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            none
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('ui.brief.criteria')}>
          {brief.criteriaProgress.length
            ? brief.criteriaProgress.map((c) => (
                <div key={c.key}>
                  <Typography.Text>{c.metric}</Typography.Text>
                  <Progress
                    percent={c.progress === null ? 0 : Math.round(c.progress * 100)}
                    status={c.progress === null ? 'normal' : c.progress >= 1 ? 'success' : 'active'}
                    format={(p) => (c.progress === null ? t('ui.brief.noReading') : `${p}%`)}
                  />
                </div>
              ))
            : none}
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('ui.brief.timeline')}>
          {brief.timeline.length ? (
            <Timeline
              items={brief.timeline.slice(0, 30).map((e) =>
                e.type === 'timeline'
                  ? {
                      key: e._id,
                      children: (
                        <span>
                          <Typography.Text type="secondary">
                            {e.at.slice(0, 16).replace('T', ' ')}
                          </Typography.Text>{' '}
                          {person(e.by)} · {label('timelineAction', e.action)} ·{' '}
                          {label('docType', e.targetType)} {e.targetTitle ?? ''}
                        </span>
                      ),
                    }
                  : {
                      key: e._id,
                      color: 'green',
                      children: (
                        <span data-testid="timeline-touchpoint">
                          <Typography.Text type="secondary">{e.date}</Typography.Text>{' '}
                          <Tag>{label('touchpointKind', e.kind)}</Tag>
                          {e.channel ? `${label('chatChannel', e.channel)} · ` : ''}
                          {e.subject}
                        </span>
                      ),
                    },
              )}
            />
          ) : (
            none
          )}
        </Card>
      </Col>
    </Row>
  );
}
