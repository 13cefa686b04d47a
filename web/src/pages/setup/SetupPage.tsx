// One-time setup: shown only while the server has no user; creates the first administrator and logs in.
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { AuthScreen } from '../../components/AuthScreen';
import { confirmRules, newPasswordRules } from '../../components/passwordRules';
import { toApiError } from '../../components/useLoad';

interface SetupForm {
  username: string;
  displayName?: string;
  password: string;
  confirm: string;
}

export function SetupPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ username, displayName, password }: SetupForm) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/setup', {
        username: username.trim(),
        password,
        displayName: displayName?.trim() || undefined,
      });
      await login(username.trim(), password);
    } catch (err) {
      setError(toApiError(err).message);
      setBusy(false);
    }
  };

  return (
    <AuthScreen title={t('setup.title')} subtitle={t('setup.intro')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<SetupForm> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { min: 2, max: 64, message: t('validation.length', { min: 2, max: 64 }) },
          ]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={newPasswordRules(t)}
          extra={t('account.passwordPolicy')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['password']}
          rules={confirmRules(t, 'password')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthScreen>
  );
}
