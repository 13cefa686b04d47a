// Departments as a tree: add (top level or under a department), rename, move, delete.
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined, SubnodeOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Department } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { buildDepartmentTree, type DepartmentNode } from '../../components/departmentTree';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { type DepartmentEdit, DepartmentModal } from './DepartmentModal';

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canWrite = can('org.write');
  const list = useLoad(() => api.get<Department[]>('/api/departments'), []);
  const [edit, setEdit] = useState<DepartmentEdit | null>(null);
  const departments = list.data ?? [];
  const tree = useMemo(() => buildDepartmentTree(list.data ?? []), [list.data]);

  const remove = async (department: Department) => {
    try {
      await api.delete(`/api/departments/${department.id}`);
      notify.ok(t('departments.deleted', { name: department.name }));
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const columns: ColumnsType<DepartmentNode> = [
    { title: t('departments.fields.name'), dataIndex: 'name' },
    { title: t('departments.fields.code'), dataIndex: 'code', width: 160 },
    { title: t('departments.fields.employees'), dataIndex: 'employeeCount', width: 140, align: 'right' },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, department) => (
        <Space size={4}>
          <Tooltip title={t('departments.addChild')}>
            <Button
              type="text"
              size="small"
              icon={<SubnodeOutlined />}
              aria-label={t('departments.addChild')}
              onClick={() => setEdit({ mode: 'create', parentId: department.id })}
            />
          </Tooltip>
          <Tooltip title={t('common.edit')}>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('common.edit')}
              onClick={() => setEdit({ mode: 'edit', department })}
            />
          </Tooltip>
          <Tooltip title={t('departments.move')}>
            <Button
              type="text"
              size="small"
              icon={<DragOutlined />}
              aria-label={t('departments.move')}
              onClick={() => setEdit({ mode: 'move', department })}
            />
          </Tooltip>
          <Popconfirm
            title={t('departments.deleteConfirm', { name: department.name })}
            description={t('departments.deleteHelp')}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(department)}
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
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">
          {t('departments.count', { count: departments.length })}
        </Typography.Text>
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEdit({ mode: 'create', parentId: null })}
          >
            {t('departments.create')}
          </Button>
        )}
      </Flex>
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {/* The key remounts the table when the tree changes, so every branch starts expanded. */}
      <Table<DepartmentNode>
        key={departments.length}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tree}
        loading={list.loading}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        locale={{ emptyText: <Empty description={t('departments.empty')} /> }}
      />
      <DepartmentModal
        edit={edit}
        departments={departments}
        onClose={() => setEdit(null)}
        onSaved={(saved) => {
          notify.ok(t('departments.saved', { name: saved.name }));
          setEdit(null);
          list.reload();
        }}
      />
    </Card>
  );
}
