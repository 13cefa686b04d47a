// Employees: search and filter, paged table, create / edit, PIN, delete.
import { DeleteOutlined, EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tooltip,
  TreeSelect,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { EMPLOYEE_STATUSES, type Employee, type EmployeeStatus, type Paged } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { departmentOptions, departmentPath } from '../../components/departmentTree';
import { LoadError } from '../../components/LoadError';
import { toApiError, useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { useOrgRefs } from '../../components/useOrgRefs';
import { EmployeeDrawer } from './EmployeeDrawer';
import { PinModal } from './PinModal';
import { StatusTag } from './StatusTag';

interface Filters {
  q: string;
  departmentId?: number;
  siteId?: number;
  status?: EmployeeStatus;
}

export default function EmployeesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const { modal } = App.useApp();
  const canWrite = can('employees.write');
  const { refs } = useOrgRefs();
  const [filters, setFilters] = useState<Filters>({ q: '' });
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [editing, setEditing] = useState<{ employee: Employee | null } | null>(null);
  const [pinFor, setPinFor] = useState<Employee | null>(null);

  const list = useLoad(
    () =>
      api.get<Paged<Employee>>('/api/employees', {
        q: filters.q.trim(),
        departmentId: filters.departmentId,
        siteId: filters.siteId,
        status: filters.status,
        limit: page.pageSize,
        offset: (page.current - 1) * page.pageSize,
      }),
    [filters, page],
  );

  const filter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };

  const remove = async (employee: Employee) => {
    try {
      await api.delete(`/api/employees/${employee.id}`);
      notify.ok(t('employees.deleted', { name: employee.name }));
      list.reload();
    } catch (err) {
      const error = toApiError(err);
      // Someone with attendance records is terminated, not deleted: say so where it stays until read.
      if (error.code === 'employee_has_records') {
        modal.warning({
          title: t('employees.cannotDelete', { name: employee.name }),
          content: error.message,
        });
      } else notify.fail(err);
    }
  };

  const names = useMemo(() => {
    const sites = new Map(refs.sites.map((s) => [s.id, s.name]));
    const positions = new Map(refs.positions.map((p) => [p.id, p.name]));
    const departments = new Map(refs.departments.map((d) => [d.id, d.name]));
    return {
      // The department's own name, with its full path on hover.
      department: (id: number | null) =>
        id === null ? (
          ''
        ) : (
          <span title={departmentPath(refs.departments, id)}>{departments.get(id) ?? ''}</span>
        ),
      site: (id: number | null) => (id === null ? '' : (sites.get(id) ?? '')),
      position: (id: number | null) => (id === null ? '' : (positions.get(id) ?? '')),
    };
  }, [refs]);

  const columns: ColumnsType<Employee> = [
    { title: t('employees.fields.employeeNo'), dataIndex: 'employeeNo', width: 110 },
    { title: t('employees.fields.name'), dataIndex: 'name', width: 120, ellipsis: true },
    {
      title: t('employees.fields.department'),
      dataIndex: 'departmentId',
      render: (id: number | null) => names.department(id),
      ellipsis: true,
    },
    {
      title: t('employees.fields.position'),
      dataIndex: 'positionId',
      render: names.position,
      ellipsis: true,
    },
    { title: t('employees.fields.site'), dataIndex: 'siteId', render: names.site, ellipsis: true },
    { title: t('employees.fields.hireDate'), dataIndex: 'hireDate', width: 110 },
    {
      title: t('employees.fields.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: EmployeeStatus) => <StatusTag status={status} />,
    },
    {
      title: t('employees.fields.pin'),
      dataIndex: 'hasPin',
      width: 80,
      render: (hasPin: boolean) => (hasPin ? t('employees.pin.set') : t('employees.pin.none')),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, employee) => (
        <Space size={4}>
          <Tooltip title={t('common.edit')}>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('common.edit')}
              onClick={() => setEditing({ employee })}
            />
          </Tooltip>
          <Tooltip title={t('employees.pin.action')}>
            <Button
              type="text"
              size="small"
              icon={<LockOutlined />}
              aria-label={t('employees.pin.action')}
              onClick={() => setPinFor(employee)}
            />
          </Tooltip>
          <Popconfirm
            title={t('employees.deleteConfirm', { name: employee.name })}
            description={<div style={{ maxWidth: 320 }}>{t('employees.deleteHelp')}</div>}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(employee)}
          >
            <Tooltip title={t('common.delete')}>
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
              />
            </Tooltip>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Card>
      <Flex gap={12} wrap justify="space-between" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('employees.searchPlaceholder')}
            aria-label={t('common.search')}
            onSearch={(q) => filter({ q })}
            style={{ width: 240 }}
          />
          <TreeSelect
            allowClear
            showSearch
            treeDefaultExpandAll
            treeNodeFilterProp="title"
            placeholder={t('employees.fields.department')}
            treeData={departmentOptions(refs.departments)}
            value={filters.departmentId}
            onChange={(departmentId?: number) => filter({ departmentId })}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            placeholder={t('employees.fields.site')}
            options={refs.sites.map((s) => ({ value: s.id, label: s.name }))}
            value={filters.siteId}
            onChange={(siteId?: number) => filter({ siteId })}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            placeholder={t('employees.fields.status')}
            options={EMPLOYEE_STATUSES.map((s) => ({ value: s, label: t(`employees.status.${s}`) }))}
            value={filters.status}
            onChange={(status?: EmployeeStatus) => filter({ status })}
            style={{ width: 130 }}
          />
        </Space>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ employee: null })}>
            {t('employees.create')}
          </Button>
        )}
      </Flex>
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<Employee>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 960, y: 'calc(100vh - 310px)' }}
        locale={{ emptyText: <Empty description={t('employees.empty')} /> }}
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('employees.total', { count: total }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
      />
      <EmployeeDrawer
        open={!!editing}
        employee={editing?.employee ?? null}
        refs={refs}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          notify.ok(t('employees.saved', { name: saved.name }));
          setEditing(null);
          list.reload();
        }}
      />
      <PinModal
        employee={pinFor}
        onClose={() => setPinFor(null)}
        onSaved={(cleared) => {
          notify.ok(cleared ? t('employees.pin.cleared') : t('employees.pin.saved'));
          setPinFor(null);
          list.reload();
        }}
      />
    </Card>
  );
}
