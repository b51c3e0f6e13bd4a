// The form of one risk case: its fields, the action plan and the review meetings as rows that
// can be added and removed; saved whole through the entity writer.
import { Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { DatePicker } from '../components/DayPicker';
import type { EntityDoc } from '../../../shared/domain/entities';
import { riskSigns } from '../../../shared/domain/entities/risk';
import { useToday } from '../api/hooks';
import { EntityFormModal } from '../components/EntityFormModal';
import { useLocale } from '../i18n';
import { isoDateItem, newItemKey } from './ItemEditor';
import { PersonPicker } from '../components/PersonPicker';

type RiskCase = EntityDoc<'riskCase'>;

export function RiskCaseForm({
  accountId,
  existing,
  onClose,
}: {
  accountId: string;
  existing: RiskCase | null;
  onClose: () => void;
}) {
  const { t, options } = useLocale();
  const today = useToday();
  return (
    <EntityFormModal
      type="riskCase"
      accountId={accountId}
      existing={existing}
      title={existing ? existing.cause : t('ui.risk.new')}
      defaults={{
        level: 'medium',
        status: 'open',
        signs: [],
        openedOn: today,
        actionPlan: [],
        reviewMeetings: [],
      }}
      saveTestId="risk-save"
      onClose={onClose}
      width={760}
      wholeStore
    >
      <Space wrap align="start">
        <Form.Item name="level" label={t('ui.risk.level')} required>
          <Select
            style={{ width: 120 }}
            data-testid="risk-level"
            options={options('riskLevel', ['high', 'medium', 'low'])}
          />
        </Form.Item>
        <Form.Item name="status" label={t('ui.risk.status')}>
          <Select
            style={{ width: 140 }}
            options={options('riskCaseStatus', ['open', 'resolved', 'churned'])}
          />
        </Form.Item>
        <Form.Item name="openedOn" label={t('ui.risk.openedOn')} required {...isoDateItem}>
          <DatePicker data-testid="risk-openedOn" />
        </Form.Item>
      </Space>
      <Form.Item name="signs" label={t('ui.risk.signs')}>
        <Select mode="multiple" data-testid="risk-signs" options={options('riskSign', riskSigns)} />
      </Form.Item>
      <Form.Item name="cause" label={t('ui.risk.cause')} required>
        <Input data-testid="risk-cause" />
      </Form.Item>
      <Form.Item name="countermeasures" label={t('ui.risk.countermeasures')}>
        <Input.TextArea rows={2} data-testid="risk-countermeasures" />
      </Form.Item>
      <Form.Item name="compensation" label={t('ui.risk.compensation')}>
        <Input.TextArea rows={1} />
      </Form.Item>
      <Form.Item label={t('ui.risk.actions')}>
        <Form.List name="actionPlan">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Space key={row.key} align="start" data-testid="action-row" wrap>
                  <Form.Item name={[row.name, 'task']} required style={{ marginBottom: 8 }}>
                    <Input
                      placeholder={t('ui.risk.task')}
                      style={{ width: 240 }}
                      data-testid="action-task"
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'owner']} required style={{ marginBottom: 8 }}>
                    <PersonPicker
                      placeholder={t('ui.risk.owner')}
                      style={{ width: 160 }}
                      testId="action-owner"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'dueDate']}
                    required
                    style={{ marginBottom: 8 }}
                    {...isoDateItem}
                  >
                    <DatePicker placeholder={t('ui.risk.dueDate')} data-testid="action-due" />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'done']}
                    valuePropName="checked"
                    style={{ marginBottom: 8 }}
                  >
                    <Checkbox data-testid="action-done">{t('ui.risk.done')}</Checkbox>
                  </Form.Item>
                  <Button onClick={() => remove(row.name)}>{t('ui.common.remove')}</Button>
                </Space>
              ))}
              <Button
                data-testid="action-add"
                onClick={() => add({ key: newItemKey(), done: false })}
              >
                {t('ui.risk.addAction')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label={t('ui.risk.reviews')}>
        <Form.List name="reviewMeetings">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Space key={row.key} align="start" data-testid="review-row" wrap>
                  <Form.Item
                    name={[row.name, 'date']}
                    required
                    style={{ marginBottom: 8 }}
                    {...isoDateItem}
                  >
                    <DatePicker placeholder={t('ui.risk.reviewDate')} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'notes']} style={{ marginBottom: 8 }}>
                    <Input placeholder={t('ui.risk.reviewNotes')} style={{ width: 360 }} />
                  </Form.Item>
                  <Button onClick={() => remove(row.name)}>{t('ui.common.remove')}</Button>
                </Space>
              ))}
              <Button data-testid="review-add" onClick={() => add({ key: newItemKey() })}>
                {t('ui.risk.addReview')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    </EntityFormModal>
  );
}
