// Raising a requirement from an issue, a visit or the account's tab. The button sits on the
// issue's row or the visit's card; Alt+R there opens the same dialog, its title already typed
// from the source, and the similar requirements the library has (full-text) offered first: the
// same need gets this account added to it ("add my account to this one"), not a duplicate.
// Enter does what is selected (↑/↓ in the title pick a similar one): two keystrokes in all.
// What is typed is a draft (FormGuard) until it is saved: a reload or a failed save loses nothing.
import {
  App as AntApp,
  Button,
  Col,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  askImportances,
  productAreas,
  type AskImportance,
  type ProductArea,
} from '../../../../shared/domain/entities/requirement';
import { useApi, useApiMutation } from '../../api/hooks';
import { errorText } from '../../errorText';
import { fieldErrorsOf, showFieldErrors } from '../../forms';
import { testIdProps } from '../../entityWriter';
import { useFormGuard } from '../../components/FormGuard';
import { useLocale } from '../../i18n';
import { navigate } from '../../route';

/** Where the need was heard: the issue or visit it is raised from. */
export interface RaiseSource {
  type: 'issue' | 'visit';
  id: string;
  /** The requirement's first title (the title, the visit's first new pain point). */
  title: string;
  /** The scenario to start from (the description, the visit's minutes). */
  scenario?: string;
  /** Who asked, when the source names a contact. */
  contactId?: string;
}

interface Values {
  title: string;
  scenario: string;
  workaround?: string;
  blocks?: string;
  productArea: ProductArea;
  contactId?: string;
  importance: AskImportance;
}

/** The button, and Alt+R anywhere in the row or card it sits in. */
export function RaiseRequirementButton({
  accountId,
  source,
  size = 'small',
}: {
  accountId: string;
  source?: RaiseSource;
  size?: 'small' | 'middle';
}) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const scope = ref.current?.closest<HTMLElement>('tr, .ant-card, [data-raise-scope]');
    if (!scope) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyR') {
        e.preventDefault();
        e.stopPropagation();
        setOpen(true);
      }
    };
    scope.addEventListener('keydown', onKey);
    return () => scope.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Button
        ref={ref}
        size={size}
        data-testid="raise-requirement"
        title={`${t('requirementsUi.raise.button')} (${t('requirementsUi.raise.shortcut')})`}
        onClick={() => setOpen(true)}
      >
        {t('requirementsUi.raise.button')}
      </Button>
      {open && (
        <RaiseRequirementModal
          accountId={accountId}
          source={source}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

export function RaiseRequirementModal({
  accountId,
  source,
  onClose,
}: {
  accountId: string;
  source?: RaiseSource;
  onClose: () => void;
}) {
  const { t, label, options } = useLocale();
  const accountName = useApi('account.get', { id: accountId }).data?.name ?? '';
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const contacts = useApi('contact.list', { accountId, limit: 500 });
  const create = useApiMutation('requirements.create');
  const addAsk = useApiMutation('requirements.addAsk');
  const [text, setText] = useState(source?.title ?? '');
  const query = useDebounced(text.trim(), 250);
  const similar = useApi(
    'requirements.similar',
    { text: query, accountId, limit: 5 },
    { enabled: query.length >= 2, placeholderData: (prev) => prev },
  );
  const matches = query.length >= 2 ? (similar.data?.hits ?? []) : [];
  /** 'new', or the id of the similar requirement this account is added to. */
  const [choice, setChoice] = useState<string>('new');
  const [busy, setBusy] = useState(false);
  // A choice that is no longer among the matches falls back to a new requirement.
  const chosen = choice === 'new' || matches.some((m) => m.id === choice) ? choice : 'new';

  const ask = (v: Values) => ({
    accountId,
    importance: v.importance,
    ...(v.contactId ? { contactId: v.contactId } : {}),
    ...(source
      ? { sourceType: source.type, sourceId: source.id }
      : { sourceType: 'other' as const }),
  });

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      if (chosen === 'new') {
        const created = await create.mutateAsync({
          data: {
            title: v.title.trim(),
            scenario: v.scenario.trim(),
            ...(v.workaround?.trim() ? { workaround: v.workaround.trim() } : {}),
            ...(v.blocks?.trim() ? { blocks: v.blocks.trim() } : {}),
            productArea: v.productArea,
          },
          ask: ask(v),
        });
        message.success(t('requirementsUi.raise.created', { title: v.title.trim() }));
        guard.saved();
        onClose();
        void created;
      } else {
        const target = matches.find((m) => m.id === chosen)!;
        await addAsk.mutateAsync({ requirementId: chosen, ask: ask(v) });
        message.success(
          t('requirementsUi.raise.added', { account: accountName, title: target.title }),
        );
        guard.saved();
        onClose();
      }
    } catch (error) {
      const { fields, general } = fieldErrorsOf(error, t);
      // The backend's paths: requirement.<field> and ask.<field> are this form's fields.
      const own = fields.map((f) =>
        f.name[0] === 'data' || f.name[0] === 'ask' ? { ...f, name: f.name.slice(1) } : f,
      );
      const rest = showFieldErrors(form, own);
      const words = [...general, ...rest];
      if (words.length) message.error(words.join('; '));
      if (!general.length && !fields.length) message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };

  /** ↑/↓ in the title walk the choices: a new requirement, then each similar one. */
  const onTitleKey = (e: React.KeyboardEvent) => {
    const order = ['new', ...matches.map((m) => m.id)];
    const at = order.indexOf(chosen);
    if (e.key === 'ArrowDown' && at < order.length - 1) {
      e.preventDefault();
      setChoice(order[at + 1]);
    } else if (e.key === 'ArrowUp' && at > 0) {
      e.preventDefault();
      setChoice(order[at - 1]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void submit();
    }
  };

  const contactOptions = (contacts.data?.items ?? []).map((c) => ({
    value: c._id,
    label: c.roles.length
      ? `${c.name} · ${c.roles.map((r) => label('contactRole', r)).join('/')}`
      : c.name,
  }));
  const isNew = chosen === 'new';
  const title =
    source?.type === 'issue'
      ? t('requirementsUi.raise.titleFromIssue')
      : source?.type === 'visit'
        ? t('requirementsUi.raise.titleFromVisit')
        : t('requirementsUi.raise.titleOnAccount', { account: accountName });
  const guard = useFormGuard({
    form,
    draftKey: `requirement:raise:${accountId}:${source?.id ?? 'account'}`,
    title,
    onSubmit: submit,
    onClose,
  });
  // A restored draft's title asks for its own similar requirements.
  const typedTitle = Form.useWatch('title', form);
  useEffect(() => {
    if (typeof typedTitle === 'string') setText(typedTitle);
  }, [typedTitle]);
  return (
    <Modal
      open
      width={760}
      title={title}
      okText={isNew ? t('requirementsUi.raise.new') : t('requirementsUi.raise.addToThis')}
      okButtonProps={{ ...testIdProps('raise-ok'), loading: busy }}
      onOk={() => void submit()}
      {...guard.modalProps}
      destroyOnHidden
    >
      {guard.notice}
      <div data-testid="raise-dialog">
        <Typography.Text strong>{t('requirementsUi.raise.similar')}</Typography.Text>
        <Radio.Group
          value={chosen}
          onChange={(e) => setChoice(e.target.value as string)}
          style={{ display: 'block', margin: '8px 0 12px' }}
        >
          <List
            size="small"
            bordered
            data-testid="raise-similar"
            loading={similar.isFetching && matches.length === 0}
            dataSource={matches}
            locale={{
              emptyText:
                similar.isFetching || query !== text.trim()
                  ? t('requirementsUi.raise.searching')
                  : t('requirementsUi.raise.noSimilar'),
            }}
            renderItem={(m) => (
              <List.Item data-testid="similar-item" data-id={m.id}>
                <Radio value={m.id} data-testid="similar-pick">
                  <Space size={4} wrap>
                    <span>{m.title}</span>
                    <Tag>{label('requirementStatus', m.status)}</Tag>
                    <Typography.Text type="secondary">
                      {t('requirementsUi.card.accounts', { n: m.accounts })}
                    </Typography.Text>
                    {m.askedByAccount && (
                      <Tag color="green" data-testid="similar-asked">
                        {t('requirementsUi.raise.already', { account: accountName })}
                      </Tag>
                    )}
                  </Space>
                </Radio>
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    onClose();
                    navigate({ screen: 'requirement', id: m.id });
                  }}
                >
                  {t('requirementsUi.raise.open')}
                </Button>
              </List.Item>
            )}
          />
          <Radio value="new" data-testid="raise-new" style={{ marginTop: 8 }}>
            {t('requirementsUi.raise.new')}
          </Radio>
        </Radio.Group>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('requirementsUi.raise.newHint')} · {t('requirementsUi.raise.noSolutionReminder')}
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            title: source?.title ?? '',
            scenario: source?.scenario ?? source?.title ?? '',
            productArea: 'other',
            importance: 'moderate',
            contactId: source?.contactId,
          }}
        >
          <Form.Item
            name="title"
            label={t('requirementsUi.raise.title')}
            rules={[{ required: isNew, whitespace: true, message: t('ui.common.required') }]}
          >
            <Input
              autoFocus
              data-testid="raise-title"
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onTitleKey}
            />
          </Form.Item>
          {isNew && (
            <>
              <Form.Item
                name="scenario"
                label={t('requirementsUi.raise.scenario')}
                rules={[{ required: true, whitespace: true, message: t('ui.common.required') }]}
              >
                <Input.TextArea autoSize={{ minRows: 2 }} data-testid="raise-scenario" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="workaround" label={t('requirementsUi.raise.workaround')}>
                    <Input.TextArea autoSize={{ minRows: 1 }} data-testid="raise-workaround" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="blocks" label={t('requirementsUi.raise.blocks')}>
                    <Input.TextArea autoSize={{ minRows: 1 }} data-testid="raise-blocks" />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}
          <Row gutter={12}>
            {isNew && (
              <Col span={8}>
                <Form.Item name="productArea" label={t('requirementsUi.raise.area')}>
                  <Select data-testid="raise-area" options={options('productArea', productAreas)} />
                </Form.Item>
              </Col>
            )}
            <Col span={isNew ? 8 : 12}>
              <Form.Item name="contactId" label={t('requirementsUi.raise.contact')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  data-testid="raise-contact"
                  options={contactOptions}
                />
              </Form.Item>
            </Col>
            <Col span={isNew ? 8 : 12}>
              <Form.Item name="importance" label={t('requirementsUi.raise.importance')}>
                <Select
                  data-testid="raise-importance"
                  options={options('askImportance', askImportances)}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Modal>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
