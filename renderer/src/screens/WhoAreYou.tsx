// "Who are you?": pick yourself from the team directory, or type your name (which creates your
// record). The choice is remembered in the data folder and becomes the acting user.
import { App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useApiMutation } from '../api/hooks';
import { useDirectory } from '../api/people';
import { compact, fieldErrorsOf, showFieldErrors } from '../forms';
import { useT } from '../i18n';

export function WhoAreYou({
  suggestedLogin,
  onDone,
}: {
  suggestedLogin?: string;
  onDone?: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { members, name } = useDirectory();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [general, setGeneral] = useState<string[]>([]);
  const [form] = Form.useForm();
  const setIdentity = useApiMutation('app.setIdentity');

  const choose = async (input: { login: string; member?: Record<string, unknown> }) => {
    try {
      const identity = await setIdentity.mutateAsync(input);
      setGeneral([]);
      message.success(t('identity.saved', { name: name(identity.login) }));
      onDone?.();
    } catch (error) {
      const { fields, general: other } = fieldErrorsOf(error, t);
      // The new person's fields come back under `member`.
      const onForm = fields.map((f) => ({
        ...f,
        name: f.name[0] === 'member' ? f.name.slice(1) : f.name,
      }));
      setGeneral([...other, ...showFieldErrors(form, onForm)]);
    }
  };

  const createMe = () => {
    const values = compact(form.getFieldsValue()) as Record<string, unknown>;
    const { login, ...member } = values;
    void choose({ login: String(login ?? ''), member });
  };

  return (
    <div data-testid="who-are-you" style={{ maxWidth: 640, margin: '32px auto' }}>
      <Typography.Title level={3}>{t('identity.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('identity.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" data-testid="who-are-you-next">
        {t('importUi.whoAreYou.next')}
      </Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {members.length > 0 && (
          <Card size="small" title={t('identity.pick')}>
            <Space wrap>
              <Select
                data-testid="identity-pick"
                showSearch
                style={{ width: 320 }}
                placeholder={t('identity.pickPlaceholder')}
                value={picked}
                onChange={setPicked}
                optionFilterProp="search"
                options={members
                  .filter((m) => m.active)
                  .map((m) => ({
                    value: m.login,
                    search: `${m.nameZh ?? ''} ${m.nameEn ?? ''} ${m.login}`,
                    label: `${name(m.login)} (${m.login})`,
                  }))}
              />
              <Button
                type="primary"
                data-testid="identity-use"
                disabled={!picked}
                loading={setIdentity.isPending}
                onClick={() => picked && void choose({ login: picked })}
              >
                {t('identity.use')}
              </Button>
            </Space>
          </Card>
        )}
        <Card size="small" title={t('identity.typeTitle')}>
          <Typography.Paragraph type="secondary">{t('identity.typeHint')}</Typography.Paragraph>
          {general.length > 0 && (
            <Typography.Paragraph type="danger" data-testid="identity-errors">
              {general.join('; ')}
            </Typography.Paragraph>
          )}
          <Form
            form={form}
            layout="vertical"
            initialValues={{ login: suggestedLogin }}
            onFinish={createMe}
          >
            <Form.Item name="login" label={t('directory.col.login')} required>
              <Input data-testid="identity-login" />
            </Form.Item>
            <Form.Item name="nameZh" label={t('directory.col.nameZh')}>
              <Input data-testid="identity-nameZh" />
            </Form.Item>
            <Form.Item name="nameEn" label={t('directory.col.nameEn')}>
              <Input data-testid="identity-nameEn" />
            </Form.Item>
            <Button htmlType="submit" data-testid="identity-create" loading={setIdentity.isPending}>
              {t('identity.create')}
            </Button>
          </Form>
        </Card>
      </Space>
    </div>
  );
}
