// Create a user, or change one's display name, roles, linked employee and managed departments.
import { Alert, Checkbox, Form, Input, Modal, Space, TreeSelect, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { type Department, ROLES, type Role, type User } from '../../api/types';
import { departmentOptions } from '../../components/departmentTree';
import { EmployeePicker } from '../../components/EmployeePicker';
import { confirmRules, newPasswordRules } from '../../components/passwordRules';
import { toApiError } from '../../components/useLoad';

interface FormValues {
  username: string;
  displayName?: string;
  password: string;
  confirm: string;
  roles: Role[];
  employeeId?: number | null;
  managedDepartmentIds?: number[];
}

interface Props {
  open: boolean;
  user: User | null;
  departments: Department[];
  employeeLabel: (id: number | null) => string;
  onClose: () => void;
  onSaved: (user: User) => void;
}

export function UserModal({ open, user, departments, employeeLabel, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const roles = Form.useWatch('roles', form) ?? [];
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(user ? { ...user } : { roles: ['employee'], managedDepartmentIds: [] });
  }, [open, user, form]);

  const submit = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    const common = {
      roles: values.roles,
      employeeId: values.employeeId ?? null,
      managedDepartmentIds: values.roles.includes('manager') ? (values.managedDepartmentIds ?? []) : [],
    };
    try {
      const saved = user
        ? await api.patch<User>(`/api/users/${user.id}`, {
            ...common,
            ...(values.displayName?.trim() ? { displayName: values.displayName.trim() } : {}),
          })
        : await api.post<User>('/api/users', {
            ...common,
            username: values.username.trim(),
            displayName: values.displayName?.trim() || undefined,
            password: values.password,
          });
      onSaved(saved);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={user ? t('users.editTitle', { name: user.username }) : t('users.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit}>
        {!user && (
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { min: 2, max: 64, message: t('validation.length', { min: 2, max: 64 }) },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ max: 100, message: t('validation.maxLength', { max: 100 }) }]}
        >
          <Input />
        </Form.Item>
        {!user && (
          <Space.Compact block style={{ gap: 16 }}>
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={newPasswordRules(t)}
              style={{ flex: 1 }}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('account.confirmPassword')}
              dependencies={['password']}
              rules={confirmRules(t, 'password')}
              style={{ flex: 1 }}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Space.Compact>
        )}
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('validation.oneRole') }]}
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {ROLES.map((role) => (
              <Checkbox key={role} value={role}>
                <strong>{t(`roles.${role}`)}</strong>{' '}
                <Typography.Text type="secondary">— {t(`roles.help.${role}`)}</Typography.Text>
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        {roles.includes('manager') && (
          <Form.Item
            name="managedDepartmentIds"
            label={t('users.managedDepartments')}
            extra={t('users.managedDepartmentsHelp')}
          >
            <TreeSelect
              multiple
              allowClear
              treeDefaultExpandAll
              treeNodeFilterProp="title"
              treeData={departmentOptions(departments)}
            />
          </Form.Item>
        )}
        <Form.Item name="employeeId" label={t('users.employee')} extra={t('users.employeeHelp')}>
          <EmployeePicker currentLabel={user ? employeeLabel(user.employeeId) : undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
