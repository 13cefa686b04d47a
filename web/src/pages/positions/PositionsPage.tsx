// Positions (job titles): a flat list; add, rename, delete an unused one.
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Position } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';

export default function PositionsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canWrite = can('org.write');
  const list = useLoad(() => api.get<Position[]>('/api/positions'), []);
  const [createForm] = Form.useForm<{ name: string }>();
  const [renameForm] = Form.useForm<{ name: string }>();
  const [renaming, setRenaming] = useState<Position | null>(null);
  const [busy, setBusy] = useState(false);

  const nameRules = [
    { required: true, whitespace: true, message: t('validation.required') },
    { max: 100, message: t('validation.maxLength', { max: 100 }) },
  ];

  const create = async ({ name }: { name: string }) => {
    setBusy(true);
    try {
      const saved = await api.post<Position>('/api/positions', { name: name.trim() });
      notify.ok(t('positions.saved', { name: saved.name }));
      createForm.resetFields();
      list.reload();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const rename = async ({ name }: { name: string }) => {
    if (!renaming) return;
    setBusy(true);
    try {
      const saved = await api.patch<Position>(`/api/positions/${renaming.id}`, { name: name.trim() });
      notify.ok(t('positions.saved', { name: saved.name }));
      setRenaming(null);
      list.reload();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (position: Position) => {
    try {
      await api.delete(`/api/positions/${position.id}`);
      notify.ok(t('positions.deleted', { name: position.name }));
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const columns: ColumnsType<Position> = [{ title: t('positions.fields.name'), dataIndex: 'name' }];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, position) => (
        <Space size={4}>
          <Tooltip title={t('common.edit')}>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('common.edit')}
              onClick={() => {
                setRenaming(position);
                renameForm.setFieldsValue({ name: position.name });
              }}
            />
          </Tooltip>
          <Popconfirm
            title={t('positions.deleteConfirm', { name: position.name })}
            description={t('positions.deleteHelp')}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(position)}
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
    <Card style={{ maxWidth: 720 }}>
      {canWrite && (
        <Form form={createForm} layout="inline" onFinish={create} style={{ marginBottom: 16 }}>
          <Form.Item name="name" rules={nameRules} style={{ flex: 1 }}>
            <Input placeholder={t('positions.newPlaceholder')} aria-label={t('positions.fields.name')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy && !renaming}>
            {t('positions.create')}
          </Button>
        </Form>
      )}
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<Position>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('positions.empty')} /> }}
      />
      <Modal
        title={t('positions.renameTitle')}
        open={!!renaming}
        onCancel={() => setRenaming(null)}
        onOk={() => renameForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
      >
        <Form form={renameForm} layout="vertical" onFinish={rename}>
          <Form.Item name="name" label={t('positions.fields.name')} rules={nameRules}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
