// The handover sheet (sales -> CS): every section of the handover list, signed by both sides.
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { DatePicker } from '../components/DayPicker';
import { isoDateItem } from './ItemEditor';
import type { EntityDoc } from '../../../shared/domain/entities';
import { decisionChainRoles } from '../../../shared/domain/entities/contact';
import { useApi } from '../api/hooks';
import { editableOf, useEntityWriter } from '../entityWriter';
import { useLocale } from '../i18n';
import { usePersonName } from '../api/people';
import { clearDraft, loadDraft, saveDraft } from '../drafts';
import { percentItem } from './Contracts';

type Handover = EntityDoc<'handover'>;
let keySeq = 0;
const newKey = () => `h${Date.now().toString(36)}${(keySeq++).toString(36)}`;

/**
 * What was typed on a sheet and not saved yet, per account, kept as a draft (renderer/src/drafts.ts,
 * localStorage): the tab's form is unmounted when another tab opens, the window may be reloaded
 * or closed, and these values come back when the sheet opens again (until saved or discarded).
 */
const draftKey = (accountId: string) => `handover:${accountId}`;
const drafts = {
  has: (accountId: string) => loadDraft(draftKey(accountId)) !== null,
  get: (accountId: string) => loadDraft(draftKey(accountId))?.values,
  set: (accountId: string, values: Record<string, unknown>, title: string) =>
    saveDraft(draftKey(accountId), { values, title, href: window.location.hash }),
  delete: (accountId: string) => clearDraft(draftKey(accountId)),
};

export function Handover({ accountId }: { accountId: string }) {
  const { t, label } = useLocale();
  const person = usePersonName();
  const [form] = Form.useForm();
  const list = useApi('handover.list', { accountId, limit: 1 });
  const existing: Handover | null = list.data?.items[0] ?? null;
  const writer = useEntityWriter('handover', form);
  const [hasDraft, setHasDraft] = useState(() => drafts.has(accountId));
  const [cleared, setCleared] = useState(false);

  useEffect(() => {
    const draft = drafts.get(accountId);
    if (draft) form.setFieldsValue(draft);
    else if (existing && !writer.conflict) form.setFieldsValue(editableOf(existing));
    // Only when a different revision arrives: never overwrite what the user is typing.
  }, [existing?._rev]);

  const keepDraft = () => {
    drafts.set(
      accountId,
      form.getFieldsValue(true) as Record<string, unknown>,
      t('ui.tab.handover'),
    );
    setHasDraft(true);
    setCleared(false);
  };
  const discardDraft = () => {
    drafts.delete(accountId);
    setHasDraft(false);
    form.resetFields();
    if (existing) form.setFieldsValue(editableOf(existing));
  };
  const signed = Boolean(existing?.signOff.sales || existing?.signOff.csm);

  const save = async (extra: Record<string, unknown> = {}) => {
    const values = form.getFieldsValue(true) as Record<string, unknown> & {
      keyPeople?: { key?: string }[];
      anticipatedIssues?: { key?: string }[];
    };
    const withKeys = {
      ...values,
      keyPeople: (values.keyPeople ?? []).map((p) => ({ ...p, key: p.key ?? newKey() })),
      anticipatedIssues: (values.anticipatedIssues ?? []).map((p) => ({
        ...p,
        key: p.key ?? newKey(),
      })),
      ...extra,
    };
    const outcome = await writer.save(withKeys, { accountId, existing });
    if (outcome.ok && outcome.doc) {
      drafts.delete(accountId);
      setHasDraft(false);
      form.setFieldsValue(editableOf(outcome.doc));
      // The backend takes the signatures off an edited signed sheet (shared/rules/handoverSignOff).
      const had = existing?.signOff ?? {};
      const now = outcome.doc.signOff;
      setCleared(Boolean((had.sales && !now.sales) || (had.csm && !now.csm)));
    }
  };
  // Signing sends the stored sheet with one more signature and nothing else (signing is off
  // while there are unsaved edits), so it never counts as an edit of the content. The new
  // signature goes as `{}`: the backend stamps it with the signed-in user and its clock
  // (shared/rules/stamps.ts).
  const sign = async (side: 'sales' | 'csm') => {
    if (!existing) return;
    const signOff = { ...existing.signOff, [side]: {} };
    const outcome = await writer.save(
      { ...editableOf(existing), signOff },
      { accountId, existing },
    );
    if (outcome.ok && outcome.doc) form.setFieldsValue(editableOf(outcome.doc));
  };

  if (list.isLoading) return null;
  const text = (
    name: (string | number)[],
    key: Parameters<typeof t>[0],
    rows = 2,
    testId?: string,
  ) => (
    <Form.Item name={name} label={t(key)}>
      <Input.TextArea autoSize={{ minRows: rows }} data-testid={testId} />
    </Form.Item>
  );
  return (
    <div data-testid="handover">
      {writer.feedback}
      {hasDraft && (
        <Alert
          type="warning"
          showIcon
          data-testid="handover-draft"
          style={{ marginBottom: 12 }}
          message={t('contractsUi.handover.draftKept')}
          action={
            <Button size="small" onClick={discardDraft} data-testid="handover-discard">
              {t('contractsUi.handover.discardDraft')}
            </Button>
          }
        />
      )}
      {cleared && (
        <Alert
          type="info"
          showIcon
          data-testid="handover-signatures-cleared"
          style={{ marginBottom: 12 }}
          message={t('contractsUi.handover.signaturesCleared')}
        />
      )}
      {signed && !cleared && (
        <Alert
          type="warning"
          showIcon
          data-testid="handover-signed-warning"
          style={{ marginBottom: 12 }}
          message={t('contractsUi.handover.signedEditWarning')}
        />
      )}
      {!existing && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.handover.empty')} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ faceToFace: false }}
        onValuesChange={keepDraft}
      >
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('ui.handover.basics')} style={{ marginBottom: 12 }}>
              {text(['basics', 'overview'], 'ui.handover.overview', 2, 'handover-overview')}
              {text(['basics', 'industryPosition'], 'ui.handover.industryPosition')}
              <Space>
                <Form.Item name={['basics', 'employees']} label={t('ui.handover.employees')}>
                  <InputNumber data-testid="handover-employees" />
                </Form.Item>
                <Form.Item name={['basics', 'website']} label={t('ui.handover.website')}>
                  <Input />
                </Form.Item>
              </Space>
            </Card>
            <Card size="small" title={t('ui.handover.sales')} style={{ marginBottom: 12 }}>
              {text(['sales', 'products'], 'ui.handover.products', 1, 'handover-products')}
              <Space wrap>
                {/* No min/max: a refused value is the schema's error at the field, not clamped. */}
                <Form.Item name={['sales', 'quantity']} label={t('ui.handover.quantity')}>
                  <InputNumber data-testid="handover-quantity" />
                </Form.Item>
                <Form.Item name={['sales', 'price']} label={t('ui.handover.price')}>
                  <InputNumber data-testid="handover-price" />
                </Form.Item>
                <Form.Item
                  name={['sales', 'discount']}
                  label={t('ui.handover.discount')}
                  {...percentItem}
                >
                  <InputNumber data-testid="handover-discount" />
                </Form.Item>
              </Space>
              {text(['sales', 'paymentTerms'], 'ui.handover.paymentTerms', 1)}
            </Card>
            <Card size="small" title={t('ui.handover.needs')} style={{ marginBottom: 12 }}>
              {text(['needs', 'businessGoals'], 'ui.handover.businessGoals', 2, 'handover-goals')}
              {text(['needs', 'whyBought'], 'ui.handover.whyBought')}
              {text(['needs', 'urgentProblems'], 'ui.handover.urgentProblems')}
              {text(['needs', 'serviceDemands'], 'ui.handover.serviceDemands')}
              <Form.Item name={['needs', 'userCount']} label={t('ui.handover.userCount')}>
                <InputNumber data-testid="handover-user-count" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('ui.handover.keyPeople')} style={{ marginBottom: 12 }}>
              <Form.List name="keyPeople">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="start" wrap>
                        <Form.Item name={[f.name, 'name']}>
                          <Input placeholder={t('ui.contact.name')} data-testid="keyperson-name" />
                        </Form.Item>
                        <Form.Item name={[f.name, 'position']}>
                          <Input placeholder={t('ui.contact.position')} style={{ width: 120 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'role']}>
                          <Select
                            allowClear
                            style={{ width: 130 }}
                            placeholder={t('ui.contact.roles')}
                            options={decisionChainRoles.map((r) => ({
                              value: r,
                              label: label('contactRole', r),
                            }))}
                          />
                        </Form.Item>
                        <Button onClick={() => remove(f.name)}>{t('ui.common.remove')}</Button>
                      </Space>
                    ))}
                    <Button onClick={() => add({})} data-testid="add-keyperson">
                      {t('ui.handover.addPerson')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
            <Card size="small" title={t('ui.handover.plan')} style={{ marginBottom: 12 }}>
              {text(['implementationPlan', 'summary'], 'ui.handover.planSummary')}
              <Space>
                <Form.Item
                  name={['implementationPlan', 'startDate']}
                  label={t('ui.handover.startDate')}
                  {...isoDateItem}
                >
                  <DatePicker data-testid="handover-startDate" />
                </Form.Item>
                <Form.Item
                  name={['implementationPlan', 'goLiveDate']}
                  label={t('ui.handover.goLiveDate')}
                  {...isoDateItem}
                >
                  <DatePicker data-testid="handover-goLiveDate" />
                </Form.Item>
              </Space>
              {text(['history'], 'ui.handover.history')}
              {text(['supportNeeds'], 'ui.handover.supportNeeds')}
            </Card>
            <Card size="small" title={t('ui.handover.anticipated')} style={{ marginBottom: 12 }}>
              <Form.List name="anticipatedIssues">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="start" wrap>
                        <Form.Item name={[f.name, 'issue']}>
                          <Input placeholder={t('ui.handover.issue')} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'proposedAnswer']}>
                          <Input placeholder={t('ui.handover.answer')} />
                        </Form.Item>
                        <Button onClick={() => remove(f.name)}>{t('ui.common.remove')}</Button>
                      </Space>
                    ))}
                    <Button onClick={() => add({})}>{t('ui.handover.addIssue')}</Button>
                  </>
                )}
              </Form.List>
            </Card>
            <Card size="small" title={t('ui.handover.commitments')} style={{ marginBottom: 12 }}>
              <Form.Item name={['commitments', 'ours']} label={t('ui.handover.ours')}>
                <Select mode="tags" open={false} placeholder={t('ui.common.tagsHint')} />
              </Form.Item>
              <Form.Item name={['commitments', 'theirs']} label={t('ui.handover.theirs')}>
                <Select mode="tags" open={false} placeholder={t('ui.common.tagsHint')} />
              </Form.Item>
              <Form.Item
                name="faceToFace"
                label={t('ui.handover.faceToFace')}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Space wrap>
          <Button
            type="primary"
            onClick={() => void save()}
            loading={writer.saving}
            data-testid="handover-save"
          >
            {t('ui.common.save')}
          </Button>
          <Button
            onClick={() => void sign('sales')}
            disabled={!existing || hasDraft || Boolean(existing.signOff.sales)}
            title={hasDraft ? t('contractsUi.handover.saveBeforeSign') : undefined}
            data-testid="handover-sign-sales"
          >
            {t('ui.handover.signSales')}
          </Button>
          <Button
            onClick={() => void sign('csm')}
            disabled={!existing || hasDraft || Boolean(existing.signOff.csm)}
            title={hasDraft ? t('contractsUi.handover.saveBeforeSign') : undefined}
            data-testid="handover-sign-csm"
          >
            {t('ui.handover.signCsm')}
          </Button>
          {existing?.signOff.sales && (
            <Tag color="green" data-testid="handover-signed-sales">
              {t('ui.handover.signedBy', {
                side: t('ui.handover.sideSales'),
                by: person(existing.signOff.sales.by),
              })}
            </Tag>
          )}
          {existing?.signOff.csm && (
            <Tag color="green" data-testid="handover-signed-csm">
              {t('ui.handover.signedBy', {
                side: t('ui.handover.sideCsm'),
                by: person(existing.signOff.csm.by),
              })}
            </Tag>
          )}
          {existing && (
            <Typography.Text type="secondary">
              {t('ui.common.savedAt', { at: existing.updatedAt.slice(0, 16).replace('T', ' ') })}
            </Typography.Text>
          )}
        </Space>
      </Form>
    </div>
  );
}
