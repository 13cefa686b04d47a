// Sets or clears the PIN of the non-face punch (PIN plus photo); the server stores only its hash.
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPin } from '../../../../src/core/org/employee-validation.js';
import { api } from '../../api/client';
import type { Employee } from '../../api/types';
import { toApiError } from '../../components/useLoad';

interface Props {
  employee: Employee | null;
  onClose: () => void;
  onSaved: (cleared: boolean) => void;
}

export function PinModal({ employee, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ pin: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (employee) {
      form.resetFields();
      setError(null);
    }
  }, [employee, form]);

  const save = async (pin: string | null) => {
    if (!employee) return;
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/employees/${employee.id}/pin`, { pin });
      onSaved(pin === null);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('employees.pin.title', { name: employee?.name ?? '' })}
      open={!!employee}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {employee?.hasPin && (
            <Typography.Link
              type="danger"
              onClick={() => void save(null)}
              style={{ marginInlineEnd: 'auto', float: 'left', lineHeight: '32px' }}
            >
              {t('employees.pin.clear')}
            </Typography.Link>
          )}
          <CancelBtn />
          <OkBtn />
        </>
      )}
    >
      <Typography.Paragraph type="secondary">{t('employees.pin.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={({ pin }) => void save(pin)}>
        <Form.Item
          name="pin"
          label={t('employees.pin.label')}
          rules={[
            { required: true, message: t('validation.required') },
            {
              validator: (_: unknown, value: string | undefined) =>
                !value || isPin(value) ? Promise.resolve() : Promise.reject(new Error(t('validation.pin'))),
            },
          ]}
        >
          <Input.Password inputMode="numeric" maxLength={8} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
