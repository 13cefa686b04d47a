// Shifts (班次): fixed segments with breaks, flexible hours with core time, or a free schedule; each with its
// own rule overrides. The definition is the engine's shift, edited as JSON from a template per kind.
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import type { Shift } from './api';

const TEMPLATES: Record<string, object> = {
  fixed: {
    kind: 'fixed',
    segments: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
    rules: { lateGraceMinutes: 5 },
  },
  flexible: {
    kind: 'flexible',
    earliestStart: '07:30',
    latestStart: '10:00',
    requiredMinutes: 480,
    coreHours: [{ start: '10:00', end: '16:00' }],
    breaks: [{ start: '12:00', end: '13:00' }],
  },
  free: { kind: 'free', requiredMinutes: 480 },
};

interface Values {
  code: string;
  name: string;
  definition: string;
}

function describe(def: Record<string, unknown>): string {
  if (def.kind === 'fixed') {
    return ((def.segments as { start: string; end: string }[]) ?? [])
      .map((s) => `${s.start}–${s.end}`)
      .join(', ');
  }
  if (def.kind === 'flexible')
    return `${def.earliestStart}–${def.latestStart ?? ''}, ${def.requiredMinutes} min`;
  return `${def.requiredMinutes ?? 0} min`;
}

export default function ShiftsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canWrite = can('attendance.configure');
  const list = useLoad(() => api.get<Shift[]>('/api/attendance/shifts'), []);
  const [editing, setEditing] = useState<Shift | 'new' | null>(null);
  const [form] = Form.useForm<Values>();

  const open = (shift: Shift | 'new') => {
    setEditing(shift);
    form.setFieldsValue(
      shift === 'new'
        ? { code: '', name: '', definition: JSON.stringify(TEMPLATES.fixed, null, 2) }
        : { code: shift.code, name: shift.name, definition: JSON.stringify(shift.definition, null, 2) },
    );
  };

  const save = async (v: Values) => {
    let definition: Record<string, unknown>;
    try {
      definition = JSON.parse(v.definition);
    } catch {
      notify.fail(new Error(t('attendance.shifts.badJson')));
      return;
    }
    try {
      if (editing === 'new')
        await api.post('/api/attendance/shifts', { code: v.code, name: v.name, definition });
      else if (editing) await api.patch(`/api/attendance/shifts/${editing.id}`, { name: v.name, definition });
      notify.ok(t('attendance.saved'));
      setEditing(null);
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  return (
    <Card
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('attendance.shifts.create')}
          </Button>
        )
      }
    >
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<Shift>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('attendance.code'), dataIndex: 'code' },
          { title: t('attendance.name'), dataIndex: 'name' },
          {
            title: t('attendance.shifts.kind'),
            render: (_, s) => (
              <>
                <Tag>
                  {t(
                    `attendance.shifts.kinds.${String(s.definition.kind)}` as 'attendance.shifts.kinds.fixed',
                  )}
                </Tag>
                {describe(s.definition)}
              </>
            ),
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, s: Shift) => (
                    <Space>
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => open(s)}
                      />
                      <Popconfirm
                        title={t('attendance.shifts.deleteConfirm', { name: s.name })}
                        onConfirm={async () => {
                          try {
                            await api.delete(`/api/attendance/shifts/${s.id}`);
                            list.reload();
                          } catch (err) {
                            notify.fail(err);
                          }
                        }}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        width={640}
        title={editing === 'new' ? t('attendance.shifts.create') : t('common.edit')}
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
          <Form.Item label={t('attendance.shifts.kind')}>
            <Select
              options={Object.keys(TEMPLATES).map((k) => ({
                value: k,
                label: t(`attendance.shifts.kinds.${k}` as 'attendance.shifts.kinds.fixed'),
              }))}
              onChange={(k: string) =>
                form.setFieldValue('definition', JSON.stringify(TEMPLATES[k], null, 2))
              }
            />
          </Form.Item>
          <Form.Item
            name="definition"
            label={t('attendance.shifts.definition')}
            extra={t('attendance.shifts.definitionHelp')}
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={12} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
