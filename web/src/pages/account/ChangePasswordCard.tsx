import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { confirmRules, newPasswordRules } from '../../components/passwordRules';
import { toApiError } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';

interface FormValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Changing the password ends the user's other sessions (the server does that). */
export function ChangePasswordCard({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { passwordChanged } = useAuth();
  const notify = useNotify();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      form.resetFields();
      passwordChanged();
      notify.ok(t('account.passwordChanged'));
      onChanged();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('account.changePassword')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={newPasswordRules(t)}
          extra={t('account.passwordPolicy')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={confirmRules(t, 'newPassword')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
