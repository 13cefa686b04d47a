// Leave types (请假类型): unit, paid or not, balance and accrual; the yearly statutory annual-leave grant.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import type { LeaveType } from './api';

export default function LeaveTypesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canWrite = can('attendance.configure');
  const list = useLoad(() => api.get<LeaveType[]>('/api/attendance/leave-types'), []);
  const [editing, setEditing] = useState<LeaveType | 'new' | null>(null);
  const [year, setYear] = useState(dayjs().year());
  const [form] = Form.useForm<Omit<LeaveType, 'id'>>();

  const save = async (v: Omit<LeaveType, 'id'>) => {
    try {
      if (editing === 'new') await api.post('/api/attendance/leave-types', v);
      else if (editing) {
        const { code: _code, ...patch } = v;
        await api.patch(`/api/attendance/leave-types/${editing.id}`, patch);
      }
      notify.ok(t('attendance.saved'));
      setEditing(null);
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const accrue = async () => {
    try {
      const r = await api.post<{ changed: number }>('/api/attendance/balances/accrue', { year });
      notify.ok(t('attendance.leave.accrued', { year, count: r.changed }));
    } catch (err) {
      notify.fail(err);
    }
  };

  return (
    <Card
      extra={
        canWrite && (
          <Space>
            <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
            <Button onClick={accrue}>{t('attendance.leave.accrue')}</Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing('new');
                form.resetFields();
                form.setFieldsValue({
                  unit: 'day',
                  paid: true,
                  hasBalance: false,
                  accrual: 'none',
                  active: true,
                });
              }}
            >
              {t('attendance.leave.create')}
            </Button>
          </Space>
        )
      }
    >
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<LeaveType>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('attendance.code'), dataIndex: 'code' },
          { title: t('attendance.name'), dataIndex: 'name' },
          { title: t('attendance.leave.unit'), render: (_, l) => t(`attendance.leave.units.${l.unit}`) },
          {
            title: t('attendance.leave.paid'),
            render: (_, l) =>
              l.paid ? <Tag color="green">{t('attendance.yes')}</Tag> : <Tag>{t('attendance.no')}</Tag>,
          },
          {
            title: t('attendance.leave.accrual'),
            render: (_, l) => t(`attendance.leave.accruals.${l.accrual}`),
          },
          {
            title: t('attendance.leave.active'),
            render: (_, l) => (l.active ? t('attendance.yes') : t('attendance.no')),
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, l: LeaveType) => (
                    <Button
                      size="small"
                      type="text"
                      icon={<EditOutlined />}
                      aria-label={t('common.edit')}
                      onClick={() => {
                        setEditing(l);
                        form.setFieldsValue(l);
                      }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('attendance.leave.create') : t('common.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="code"
            label={t('attendance.code')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,32}$/ }]}
          >
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="name" label={t('attendance.name')} rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unit" label={t('attendance.leave.unit')}>
            <Select
              options={(['day', 'halfDay', 'hour'] as const).map((u) => ({
                value: u,
                label: t(`attendance.leave.units.${u}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="accrual" label={t('attendance.leave.accrual')}>
            <Select
              options={(['none', 'statutoryAnnual', 'timeOffInLieu'] as const).map((a) => ({
                value: a,
                label: t(`attendance.leave.accruals.${a}`),
              }))}
            />
          </Form.Item>
          <Space size={24}>
            <Form.Item name="paid" label={t('attendance.leave.paid')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="hasBalance" label={t('attendance.leave.hasBalance')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="active" label={t('attendance.leave.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
