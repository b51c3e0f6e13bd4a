// The account's contracts and their renewals: create and edit a contract (products, quantity,
// price, discount, terms, dates, service level), and per contract a renewal record (forecast,
// likelihood, the book's self-check, outcome with reason and successor). The renewal date and
// ARR come from the one rule (shared/rules/renewal.ts, arr.ts) through the brief; a recorded
// outcome moves the contract's status and the account's lifecycle on the backend.
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type FormItemProps,
} from 'antd';
import { useState } from 'react';
import type { AccountBrief } from '../../../shared/api/types';
import type { EntityDoc } from '../../../shared/domain/entities';
import {
  contractFields,
  renewalOutcomes,
  selfCheckAnswers,
} from '../../../shared/domain/entities/contract';
import { contractArr } from '../../../shared/rules/arr';
import {
  CONTRACT_STATUS_AFTER_OUTCOME,
  inRenewalWindow,
  RENEWAL_WINDOW_DAYS,
} from '../../../shared/rules/renewal';
import { useApi, useToday } from '../api/hooks';
import { EntityFormModal } from '../components/EntityFormModal';
import { useLocale } from '../i18n';
import { isoDateItem } from './ItemEditor';

type Contract = EntityDoc<'contract'>;
const UNITS = contractFields.shape.products.element.shape.unit.unwrap().options;
const SERVICE_LEVELS = contractFields.shape.serviceLevel.unwrap().options;
const STATUSES = contractFields.shape.status.unwrap().options;
const CURRENCIES = contractFields.shape.currency.unwrap().options;

/**
 * A stored fraction (0.2) shown and typed as a percentage (20). Nothing is clamped: 150 % goes
 * to the schema as 1.5 and comes back as the field's error.
 */
export const percentItem: Pick<FormItemProps, 'getValueProps' | 'normalize'> = {
  getValueProps: (value: unknown) => ({
    value: typeof value === 'number' ? Math.round(value * 1e6) / 1e4 : value,
  }),
  normalize: (value: unknown) =>
    typeof value === 'number' ? Math.round(value * 1e4) / 1e6 : (value ?? undefined),
};

const money = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 2 });

function safeArr(c: Contract): number | null {
  try {
    return contractArr(c);
  } catch {
    return null;
  }
}

export function Contracts({ accountId, brief }: { accountId: string; brief: AccountBrief }) {
  const { t, label } = useLocale();
  const today = useToday();
  const list = useApi('contract.list', {
    accountId,
    limit: 200,
    sort: { field: 'date', dir: 'desc' },
  });
  const [editing, setEditing] = useState<Contract | 'new' | null>(null);
  const [renewing, setRenewing] = useState<Contract | null>(null);
  const contracts: Contract[] = list.data?.items ?? [];
  const tier = brief.account.tier;
  const inWindow =
    today !== undefined && inRenewalWindow(today, brief.renewalDate, RENEWAL_WINDOW_DAYS[tier]);
  const byId = new Map(contracts.map((c) => [c._id, c]));
  return (
    <div data-testid="contracts">
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" data-testid="contract-new" onClick={() => setEditing('new')}>
          {t('contractsUi.new')}
        </Button>
        <Typography.Text data-testid="contracts-summary">
          {brief.renewalDate
            ? t('contractsUi.summary', {
                date: brief.renewalDate,
                days: brief.daysToRenewal ?? 0,
                arr: money(brief.arr),
              })
            : t('contractsUi.summaryNone')}
        </Typography.Text>
        {inWindow && <Tag color="orange">{t('contractsUi.inWindow')}</Tag>}
      </Space>
      {list.data && list.data.total > contracts.length && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={`${contracts.length} / ${list.data.total}`}
        />
      )}
      {contracts.length === 0 && !list.isLoading ? (
        <Empty description={t('contractsUi.empty')} />
      ) : (
        <Table<Contract>
          rowKey="_id"
          size="small"
          loading={list.isLoading}
          dataSource={contracts}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          onRow={(c) => ({ 'data-testid': `contract-row-${c.contractNo}` }) as never}
          columns={[
            {
              title: t('contractsUi.col.contractNo'),
              dataIndex: 'contractNo',
              render: (no: string, c) => (
                <Button
                  type="link"
                  size="small"
                  data-testid="contract-edit"
                  onClick={() => setEditing(c)}
                >
                  {no}
                </Button>
              ),
            },
            {
              title: t('contractsUi.col.products'),
              key: 'products',
              render: (_: unknown, c) =>
                c.products
                  .map(
                    (p) =>
                      `${p.name}${p.edition ? ` ${p.edition}` : ''} × ${p.quantity} ${label('productUnit', p.unit)}`,
                  )
                  .join('; '),
            },
            {
              title: t('contractsUi.col.amount'),
              dataIndex: 'amount',
              align: 'right',
              render: (a: number, c) => `${money(a)} ${c.currency}`,
            },
            {
              title: t('contractsUi.col.arr'),
              key: 'arr',
              align: 'right',
              render: (_: unknown, c) => {
                const arr = safeArr(c);
                return arr === null ? '—' : money(arr);
              },
            },
            { title: t('contractsUi.col.startDate'), dataIndex: 'startDate', width: 110 },
            { title: t('contractsUi.col.endDate'), dataIndex: 'endDate', width: 110 },
            {
              title: t('contractsUi.col.serviceLevel'),
              dataIndex: 'serviceLevel',
              render: (s: Contract['serviceLevel']) => label('serviceLevel', s),
            },
            {
              title: t('contractsUi.col.status'),
              dataIndex: 'status',
              render: (s: Contract['status']) => (
                <Tag color={s === 'active' ? 'green' : 'default'} data-testid="contract-status">
                  {label('contractStatus', s)}
                </Tag>
              ),
            },
            {
              title: t('contractsUi.col.renewal'),
              key: 'renewal',
              render: (_: unknown, c) => (
                <Space direction="vertical" size={0}>
                  <span data-testid="contract-renewal">
                    {c.renewal?.outcome ? (
                      <Tag color={c.renewal.outcome === 'churned' ? 'red' : 'blue'}>
                        {label('renewalOutcome', c.renewal.outcome)}
                        {c.renewal.decidedOn ? ` ${c.renewal.decidedOn}` : ''}
                      </Tag>
                    ) : c.renewal?.forecastAmount !== undefined ||
                      c.renewal?.likelihood !== undefined ? (
                      t('contractsUi.renewal.forecastShort', {
                        amount: money(c.renewal.forecastAmount ?? 0),
                        likelihood: c.renewal.likelihood ?? '—',
                      })
                    ) : (
                      <Typography.Text type="secondary">
                        {t('contractsUi.renewal.notRecorded')}
                      </Typography.Text>
                    )}
                  </span>
                  {c.renewal?.successorContractId && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      → {byId.get(c.renewal.successorContractId)?.contractNo ?? '—'}
                    </Typography.Text>
                  )}
                  <Button
                    size="small"
                    type="link"
                    style={{ padding: 0 }}
                    data-testid="contract-renewal-open"
                    onClick={() => setRenewing(c)}
                  >
                    {t('contractsUi.renewal.open')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && (
        <ContractFormModal
          accountId={accountId}
          existing={editing === 'new' ? null : editing}
          today={today}
          onClose={() => setEditing(null)}
        />
      )}
      {renewing && (
        <RenewalFormModal
          accountId={accountId}
          contract={renewing}
          contracts={contracts}
          brief={brief}
          onClose={() => setRenewing(null)}
        />
      )}
    </div>
  );
}

function ContractFormModal({
  accountId,
  existing,
  today,
  onClose,
}: {
  accountId: string;
  existing: Contract | null;
  today: string | undefined;
  onClose: () => void;
}) {
  const { t, label } = useLocale();
  return (
    <EntityFormModal
      type="contract"
      accountId={accountId}
      existing={existing}
      title={existing ? `${t('contractsUi.edit')} ${existing.contractNo}` : t('contractsUi.new')}
      saveTestId="contract-save"
      width={920}
      onClose={onClose}
      defaults={{
        currency: 'CNY',
        serviceLevel: 'standard5x8',
        status: 'active',
        paid: true,
        startDate: today,
        products: [{ unit: 'seat', discount: 0 }],
      }}
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="contractNo" label={t('contractsUi.col.contractNo')}>
            <Input data-testid="contract-no" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="startDate" label={t('contractsUi.col.startDate')} {...isoDateItem}>
            <DatePicker style={{ width: '100%' }} data-testid="contract-start" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="endDate" label={t('contractsUi.col.endDate')} {...isoDateItem}>
            <DatePicker style={{ width: '100%' }} data-testid="contract-end" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t('contractsUi.col.products')}</Typography.Text>
      <Form.List name="products">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'name']} label={t('contractsUi.product.name')}>
                  <Input data-testid="product-name" style={{ width: 170 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'edition']} label={t('contractsUi.product.edition')}>
                  <Input style={{ width: 100 }} data-testid="product-edition" />
                </Form.Item>
                <Form.Item name={[f.name, 'quantity']} label={t('contractsUi.product.quantity')}>
                  <InputNumber data-testid="product-quantity" style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'unit']} label={t('contractsUi.product.unit')}>
                  <Select
                    style={{ width: 100 }}
                    options={UNITS.map((u) => ({ value: u, label: label('productUnit', u) }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'unitPrice']} label={t('contractsUi.product.unitPrice')}>
                  <InputNumber data-testid="product-price" style={{ width: 110 }} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'discount']}
                  label={t('contractsUi.product.discount')}
                  {...percentItem}
                >
                  <InputNumber data-testid="product-discount" style={{ width: 90 }} />
                </Form.Item>
                {fields.length > 1 && (
                  <Button style={{ marginTop: 30 }} onClick={() => remove(f.name)}>
                    {t('ui.common.remove')}
                  </Button>
                )}
              </Space>
            ))}
            <Button
              size="small"
              onClick={() => add({ unit: 'seat', discount: 0 })}
              style={{ marginBottom: 12 }}
            >
              {t('contractsUi.product.add')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const products = (getFieldValue('products') ?? []) as {
            quantity?: number;
            unitPrice?: number;
            discount?: number;
          }[];
          const total = products.reduce(
            (s, p) => s + (p?.quantity ?? 0) * (p?.unitPrice ?? 0) * (1 - (p?.discount ?? 0)),
            0,
          );
          return (
            <Typography.Paragraph type="secondary">
              {t('contractsUi.productsTotal', { total: money(total) })}
            </Typography.Paragraph>
          );
        }}
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="amount" label={t('contractsUi.col.amount')}>
            <InputNumber style={{ width: '100%' }} data-testid="contract-amount" />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="currency" label={t('contractsUi.field.currency')}>
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="serviceLevel" label={t('contractsUi.col.serviceLevel')}>
            <Select
              data-testid="contract-service-level"
              options={SERVICE_LEVELS.map((s) => ({ value: s, label: label('serviceLevel', s) }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="status" label={t('contractsUi.col.status')}>
            <Select
              options={STATUSES.map((s) => ({ value: s, label: label('contractStatus', s) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={18}>
          <Form.Item name="paymentTerms" label={t('contractsUi.field.paymentTerms')}>
            <Input data-testid="contract-payment-terms" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="paid" label={t('contractsUi.field.paid')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('contractsUi.field.notes')}>
        <Input.TextArea autoSize={{ minRows: 1 }} />
      </Form.Item>
    </EntityFormModal>
  );
}

function RenewalFormModal({
  accountId,
  contract,
  contracts,
  brief,
  onClose,
}: {
  accountId: string;
  contract: Contract;
  contracts: Contract[];
  brief: AccountBrief;
  onClose: () => void;
}) {
  const { t, label } = useLocale();
  const answers = selfCheckAnswers.map((a) => ({ value: a, label: label('selfCheckAnswer', a) }));
  const active = brief.contacts.filter((c) => c.active);
  const names = (role: string) =>
    active
      .filter((c) => c.roles.includes(role as never))
      .map((c) => c.name)
      .join('、') || '—';
  const hint = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
  const selfCheck = (
    name: 'purchaseReasonMet' | 'decisionChainChanged' | 'promisesUnfulfilled',
    extra: string,
  ) => (
    <Form.Item
      name={['renewal', 'selfCheck', name]}
      label={t(`contractsUi.renewal.${name}`)}
      extra={hint(extra)}
    >
      <Select options={answers} data-testid={`selfcheck-${name}`} style={{ width: 160 }} />
    </Form.Item>
  );
  return (
    <EntityFormModal
      type="contract"
      accountId={accountId}
      existing={contract}
      title={t('contractsUi.renewal.title', { contractNo: contract.contractNo })}
      saveTestId="renewal-save"
      width={760}
      onClose={onClose}
      defaults={{}}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={t('contractsUi.renewal.effect', {
          status: label('contractStatus', CONTRACT_STATUS_AFTER_OUTCOME.renewed),
          expired: label('contractStatus', CONTRACT_STATUS_AFTER_OUTCOME.churned),
        })}
      />
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name={['renewal', 'forecastAmount']}
            label={t('contractsUi.renewal.forecastAmount')}
          >
            <InputNumber style={{ width: '100%' }} data-testid="renewal-forecast" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['renewal', 'likelihood']} label={t('contractsUi.renewal.likelihood')}>
            <InputNumber style={{ width: '100%' }} data-testid="renewal-likelihood" />
          </Form.Item>
        </Col>
      </Row>
      <Card size="small" title={t('contractsUi.renewal.selfCheck')} style={{ marginBottom: 12 }}>
        {selfCheck(
          'purchaseReasonMet',
          t('contractsUi.renewal.hintWhyBought', {
            text: brief.handover?.needs.whyBought ?? t('contractsUi.renewal.hintNone'),
          }),
        )}
        {selfCheck(
          'decisionChainChanged',
          t('contractsUi.renewal.hintDecisionChain', {
            deciders: names('decisionMaker'),
            champions: names('champion'),
          }),
        )}
        {selfCheck(
          'promisesUnfulfilled',
          t('contractsUi.renewal.hintPromises', {
            count: brief.handover?.commitments.ours.length ?? 0,
            open: brief.issueCounts.open,
          }),
        )}
        <Form.Item
          name={['renewal', 'selfCheck', 'notes']}
          label={t('contractsUi.renewal.selfCheckNotes')}
        >
          <Input.TextArea autoSize={{ minRows: 1 }} />
        </Form.Item>
      </Card>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={['renewal', 'outcome']} label={t('contractsUi.renewal.outcome')}>
            <Select
              allowClear
              data-testid="renewal-outcome"
              options={renewalOutcomes.map((o) => ({
                value: o,
                label: label('renewalOutcome', o),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name={['renewal', 'decidedOn']}
            label={t('contractsUi.renewal.decidedOn')}
            {...isoDateItem}
          >
            <DatePicker style={{ width: '100%' }} data-testid="renewal-decided" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name={['renewal', 'successorContractId']}
            label={t('contractsUi.renewal.successor')}
          >
            <Select
              allowClear
              data-testid="renewal-successor"
              options={contracts
                .filter((c) => c._id !== contract._id)
                .map((c) => ({ value: c._id, label: `${c.contractNo} (${c.startDate})` }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['renewal', 'reason']} label={t('contractsUi.renewal.reason')}>
        <Input.TextArea autoSize={{ minRows: 1 }} data-testid="renewal-reason" />
      </Form.Item>
      <Form.Item name={['renewal', 'notes']} label={t('contractsUi.renewal.notes')}>
        <Input.TextArea autoSize={{ minRows: 1 }} />
      </Form.Item>
    </EntityFormModal>
  );
}
