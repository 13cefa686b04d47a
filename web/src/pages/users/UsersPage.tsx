// Users and roles: create, change roles and managed departments, disable / enable, reset a password.
import { EditOutlined, LockOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Department, Employee, Paged, Role, User } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { departmentPath } from '../../components/departmentTree';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserModal } from './UserModal';

const roleColors: Record<Role, string> = {
  admin: 'red',
  hr: 'blue',
  manager: 'purple',
  auditor: 'gold',
  employee: 'default',
};

export default function UsersPage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const { modal } = App.useApp();
  const notify = useNotify();
  const canWrite = can('users.write');
  const list = useLoad(() => api.get<User[]>('/api/users'), []);
  const refs = useLoad(async () => {
    const [departments, employees] = await Promise.all([
      can('org.read') ? api.get<Department[]>('/api/departments') : Promise.resolve([]),
      can('employees.read')
        ? api.get<Paged<Employee>>('/api/employees', { limit: 1000 }).then((p) => p.items)
        : Promise.resolve([]),
    ]);
    return { departments, employees };
  }, []);
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const departments = refs.data?.departments ?? [];
  const employeeLabel = useMemo(() => {
    const byId = new Map((refs.data?.employees ?? []).map((e) => [e.id, `${e.employeeNo} · ${e.name}`]));
    return (id: number | null) => (id === null ? '' : (byId.get(id) ?? `#${id}`));
  }, [refs.data]);

  const setStatus = (user: User, status: User['status']) => {
    modal.confirm({
      title:
        status === 'disabled'
          ? t('users.disableConfirm', { name: user.username })
          : t('users.enableConfirm', { name: user.username }),
      content: status === 'disabled' ? t('users.disableHelp') : undefined,
      okText: status === 'disabled' ? t('users.disable') : t('users.enable'),
      okButtonProps: { danger: status === 'disabled' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.patch(`/api/users/${user.id}`, { status });
          notify.ok(t('users.saved', { name: user.username }));
          list.reload();
        } catch (err) {
          notify.fail(err);
        }
      },
    });
  };

  const columns: ColumnsType<User> = [
    {
      title: t('auth.username'),
      dataIndex: 'username',
      width: 150,
      render: (username: string, u) => (
        <Space orientation="vertical" size={0}>
          <span>{username}</span>
          {u.displayName && u.displayName !== username && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.displayName}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) =>
        roles.map((r) => (
          <Tag key={r} color={roleColors[r]}>
            {t(`roles.${r}`)}
          </Tag>
        )),
    },
    {
      title: t('users.managedDepartments'),
      dataIndex: 'managedDepartmentIds',
      width: 200,
      render: (ids: number[]) => ids.map((id) => departmentPath(departments, id) || `#${id}`).join(', '),
    },
    { title: t('users.employee'), dataIndex: 'employeeId', render: employeeLabel, width: 180 },
    {
      title: t('users.status'),
      key: 'status',
      width: 150,
      render: (_, u) => (
        <Space size={4} wrap>
          {u.status === 'active' ? (
            <Tag color="green">{t('users.statusActive')}</Tag>
          ) : (
            <Tag>{t('users.statusDisabled')}</Tag>
          )}
          {u.locked && <Tag color="red">{t('users.locked')}</Tag>}
          {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 170, render: formatInstant },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, user) => (
        <Space size={4}>
          <Tooltip title={t('common.edit')}>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('common.edit')}
              onClick={() => setEditing({ user })}
            />
          </Tooltip>
          <Tooltip title={t('users.resetPassword')}>
            <Button
              type="text"
              size="small"
              icon={<LockOutlined />}
              aria-label={t('users.resetPassword')}
              onClick={() => setResetting(user)}
            />
          </Tooltip>
          {user.id !== me?.userId &&
            (user.status === 'active' ? (
              <Tooltip title={t('users.disable')}>
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<StopOutlined />}
                  aria-label={t('users.disable')}
                  onClick={() => setStatus(user, 'disabled')}
                />
              </Tooltip>
            ) : (
              <Tooltip title={t('users.enable')}>
                <Button
                  type="text"
                  size="small"
                  icon={<UndoOutlined />}
                  aria-label={t('users.enable')}
                  onClick={() => setStatus(user, 'active')}
                />
              </Tooltip>
            ))}
        </Space>
      ),
    });
  }

  return (
    <Card>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('users.intro')}</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>
            {t('users.create')}
          </Button>
        )}
      </Flex>
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('users.empty')} /> }}
      />
      <UserModal
        open={!!editing}
        user={editing?.user ?? null}
        departments={departments}
        employeeLabel={employeeLabel}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          notify.ok(t('users.saved', { name: saved.username }));
          setEditing(null);
          list.reload();
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onSaved={(user) => {
          notify.ok(t('users.resetDone', { name: user.username }));
          setResetting(null);
          list.reload();
        }}
      />
    </Card>
  );
}
