// The manager's requirement priority model: the four dimensions' weights as shares of 100 %
// (the sum shown as it is typed), each dimension's scale, the breadth points and the
// paying-customer rule. Checked with the backend's own schema; a save scores every requirement
// again; a stale revision keeps what was typed and offers the newer version.
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Result,
  Row,
  Skeleton,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { StoredRequirementModel } from '../../../../shared/api/requirements';
import { tiers } from '../../../../shared/domain/entities/account';
import { decisionChainRoles } from '../../../../shared/domain/entities/contact';
import {
  askImportances,
  productAreas,
  requirementDimensions,
  type RequirementModel,
} from '../../../../shared/domain/entities/requirement';
import type { EnumName } from '../../../../shared/domain/entities/enums';
import type { MessageKey } from '../../../../shared/i18n';
import { ApiCallError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { usePersonName } from '../../api/people';
import { errorText } from '../../errorText';
import { fieldErrorsOf, showFieldErrors } from '../../forms';
import { useLocale } from '../../i18n';

const dimensionKey = (d: string) => `requirement.dimension.${d}` as MessageKey;

export function RequirementModelEditor() {
  const { t } = useLocale();
  const stored = useApi('requirements.model.get', {}, { refetchOnWindowFocus: false });
  const sync = useApi('sync.status', {});
  if (stored.isLoading) return <Skeleton active />;
  if (stored.error || !stored.data)
    return <Result status="error" title={stored.error ? errorText(t, stored.error) : undefined} />;
  // On a team server only a manager or the product role may save; without one, anyone edits.
  const roles = sync.data?.connected ? sync.data.roles : undefined;
  const readOnly =
    roles !== undefined && !roles.some((r) => ['manager', 'product', '_admin'].includes(r));
  return (
    <div data-testid="screen-requirement-model">
      <Space direction="vertical" style={{ width: '100%' }}>
        <a href="#/requirements">← {t('requirementsUi.page.back')}</a>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('requirementsUi.model.title')}
        </Typography.Title>
        {readOnly && <Alert type="info" showIcon title={t('requirementsUi.model.readOnly')} />}
        <ModelForm key={stored.data.rev ?? 'default'} initial={stored.data} readOnly={readOnly} />
      </Space>
    </div>
  );
}

function ModelForm({ initial, readOnly }: { initial: StoredRequirementModel; readOnly: boolean }) {
  const { t, label } = useLocale();
  const person = usePersonName();
  const { message } = AntApp.useApp();
  const save = useApiMutation('requirements.model.save');
  const [form] = Form.useForm<RequirementModel>();
  const [rev, setRev] = useState(initial.rev);
  const [stale, setStale] = useState<StoredRequirementModel | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const weights = Form.useWatch('weights', form) ?? initial.model.weights;
  const sum = requirementDimensions.reduce((s, d) => s + (Number(weights[d]) || 0), 0);

  const submit = async () => {
    setErrors([]);
    try {
      const saved = await save.mutateAsync({ model: form.getFieldsValue(true), rev });
      setRev(saved.rev);
      message.success(t('requirementsUi.page.saved'));
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'CONFLICT') {
        setStale(initial);
        return;
      }
      const { fields, general } = fieldErrorsOf(error, t);
      const own = fields.map((f) => (f.name[0] === 'model' ? { ...f, name: f.name.slice(1) } : f));
      setErrors([...general, ...showFieldErrors(form, own)]);
    }
  };

  /** A scale: one 0-100 field per value of a code list. */
  const scale = (path: string[], values: readonly string[], enumName: EnumName) => (
    <Row gutter={[8, 0]}>
      {values.map((v) => (
        <Col span={12} key={v}>
          <Form.Item name={[...path, v]} label={label(enumName, v)} style={{ marginBottom: 8 }}>
            <InputNumber
              min={0}
              max={100}
              precision={0}
              disabled={readOnly}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial.model}
      onFinish={() => void submit()}
    >
      {initial.updatedBy && (
        <Typography.Paragraph type="secondary">
          {person(initial.updatedBy)} · {initial.updatedAt?.slice(0, 10)}
        </Typography.Paragraph>
      )}
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="model-stale"
          title={t('requirementsUi.model.stale', { user: person(stale.updatedBy) })}
          action={
            <Button size="small" onClick={() => window.location.reload()}>
              {t('requirementsUi.model.reload')}
            </Button>
          }
        />
      )}
      {errors.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errors.join('; ')} />
      )}
      <Card size="small" title={t('requirementsUi.model.weights')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {requirementDimensions.map((d) => (
            <Col xs={12} md={6} key={d}>
              <Form.Item name={['weights', d]} label={t(dimensionKey(d))}>
                <InputNumber
                  min={0}
                  max={100}
                  precision={0}
                  addonAfter="%"
                  disabled={readOnly}
                  data-testid={`model-weight-${d}`}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Text
          data-testid="model-weight-sum"
          type={sum === 100 ? 'success' : 'danger'}
          strong
        >
          {sum === 100
            ? t('requirementsUi.model.sum', { sum })
            : t('requirementsUi.model.sumWrong', { sum })}
        </Typography.Text>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t(dimensionKey('productFit'))} style={{ marginBottom: 16 }}>
            {scale(['productFit', 'areas'], productAreas, 'productArea')}
            <Form.Item name={['productFit', 'inPlan']} label={t('requirementsUi.model.inPlan')}>
              <InputNumber min={0} max={100} precision={0} disabled={readOnly} />
            </Form.Item>
          </Card>
          <Card
            size="small"
            title={t(dimensionKey('requesterWeight'))}
            style={{ marginBottom: 16 }}
          >
            {scale(['requesterWeight', 'roles'], decisionChainRoles, 'contactRole')}
            <Form.Item
              name={['requesterWeight', 'noRole']}
              label={t('requirementsUi.model.noRole')}
            >
              <InputNumber min={0} max={100} precision={0} disabled={readOnly} />
            </Form.Item>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t(dimensionKey('customerImportance'))}
            style={{ marginBottom: 16 }}
          >
            {scale(['customerImportance', 'tiers'], tiers, 'tier')}
            <Form.List name={['customerImportance', 'arrBands']}>
              {(fields) =>
                fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[f.name, 'from']}
                      label={t('requirementsUi.model.arrFrom')}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber min={0} disabled={readOnly} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'score']}
                      label={t('requirementsUi.model.points')}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber min={0} max={100} precision={0} disabled={readOnly} />
                    </Form.Item>
                  </Space>
                ))
              }
            </Form.List>
            <Form.Item
              name={['customerImportance', 'referenceBonus']}
              label={t('requirementsUi.model.referenceBonus')}
            >
              <InputNumber min={0} max={100} precision={0} disabled={readOnly} />
            </Form.Item>
          </Card>
          <Card size="small" title={t(dimensionKey('businessImpact'))} style={{ marginBottom: 16 }}>
            {scale(['businessImpact', 'importance'], askImportances, 'askImportance')}
          </Card>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Space wrap>
              <Form.Item
                name="breadthPerAccount"
                label={t('requirementsUi.model.breadthPerAccount')}
              >
                <InputNumber min={0} max={20} disabled={readOnly} />
              </Form.Item>
              <Form.Item name="breadthMax" label={t('requirementsUi.model.breadthMax')}>
                <InputNumber min={0} max={50} disabled={readOnly} />
              </Form.Item>
              <Form.Item
                name="prospectsRankBelow"
                valuePropName="checked"
                label={t('requirementsUi.model.prospectsRankBelow')}
              >
                <Switch disabled={readOnly} />
              </Form.Item>
            </Space>
          </Card>
        </Col>
      </Row>
      <Button
        type="primary"
        htmlType="submit"
        disabled={readOnly}
        loading={save.isPending}
        data-testid="model-save"
      >
        {t('requirementsUi.model.save')}
      </Button>
    </Form>
  );
}
