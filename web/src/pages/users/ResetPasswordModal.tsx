// An administrator sets a new password; the user must change it at the next login and their sessions end.
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { confirmRules, newPasswordRules } from '../../components/passwordRules';
import { toApiError } from '../../components/useLoad';

interface Props {
  user: User | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}

export function ResetPasswordModal({ user, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setError(null);
    }
  }, [user, form]);

  const submit = async ({ newPassword }: { newPassword: string }) => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/users/${user.id}/reset-password`, { newPassword });
      onSaved(user);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('users.resetTitle', { name: user?.username ?? '' })}
      open={!!user}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.resetHelp')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
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
      </Form>
    </Modal>
  );
}
