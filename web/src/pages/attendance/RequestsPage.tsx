// Requests: my (or, for HR and managers, my people's) leave, business trips, field work, punch corrections
// (补卡) and overtime; a form for a new one, balances, and each request's details.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Paged } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { EmployeePicker } from '../../components/EmployeePicker';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import type { AttendanceRequest, Balance, LeaveType, RequestKind } from './api';
import { RequestDrawer } from './RequestDrawer';

const KINDS: RequestKind[] = ['leave', 'businessTrip', 'fieldWork', 'punchCorrection', 'overtime'];

interface Values {
  employeeId?: number;
  kind: RequestKind;
  leaveType?: string;
  dates?: [Dayjs, Dayjs];
  startHalf?: 'am' | 'pm';
  endHalf?: 'am' | 'pm';
  times?: [Dayjs, Dayjs];
  at?: Dayjs;
  reason?: string;
}

export const STATUS_COLOURS = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
} as const;

export default function RequestsPage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const notify = useNotify();
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const list = useLoad(
    () => api.get<Paged<AttendanceRequest>>('/api/attendance/requests', { limit: 200 }),
    [],
  );
  const leaveTypes = useLoad(() => api.get<LeaveType[]>('/api/attendance/leave-types'), []);
  const balances = useLoad(
    async () =>
      me?.employeeId
        ? api.get<Balance[]>('/api/attendance/balances', { year: new Date().getFullYear() })
        : [],
    [me?.employeeId],
  );

  const submit = async (v: Values) => {
    const body: Record<string, unknown> = { kind: v.kind, reason: v.reason, employeeId: v.employeeId };
    if (v.kind === 'punchCorrection') body.at = v.at?.toISOString();
    else if (v.kind === 'overtime' || v.times) {
      body.startAt = v.times?.[0].toISOString();
      body.endAt = v.times?.[1].toISOString();
    } else {
      body.startDate = v.dates?.[0].format('YYYY-MM-DD');
      body.endDate = v.dates?.[1].format('YYYY-MM-DD');
      if (v.startHalf === 'pm') body.startHalf = 'pm';
      if (v.endHalf === 'am') body.endHalf = 'am';
    }
    if (v.kind === 'leave') body.leaveType = v.leaveType;
    try {
      await api.post<AttendanceRequest>('/api/attendance/requests', body);
      notify.ok(t('attendance.saved'));
      setCreating(false);
      list.reload();
      balances.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const timed = kind === 'overtime';
  return (
    <Card
      extra={
        can('requests.submit') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ kind: 'leave' });
              setCreating(true);
            }}
          >
            {t('attendance.requests.create')}
          </Button>
        )
      }
    >
      {(balances.data ?? []).length > 0 && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('attendance.requests.balances')}</Typography.Text>
          {(balances.data ?? []).map((b) => (
            <Tag key={`${b.leaveType}-${b.year}`} color="purple">
              {b.leaveType}: {b.available} / {b.granted}{' '}
              {t(`attendance.leave.units.${b.unit}` as 'attendance.leave.units.day')}
            </Tag>
          ))}
        </Flex>
      )}
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<AttendanceRequest>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('attendance.grid.employee'), render: (_, r) => `${r.employeeNo} · ${r.employeeName}` },
          {
            title: t('attendance.requests.kind'),
            render: (_, r) => t(`attendance.requests.kinds.${r.kind}`),
          },
          {
            title: t('attendance.requests.when'),
            render: (_, r) => (r.startDate === r.endDate ? r.startDate : `${r.startDate} – ${r.endDate}`),
          },
          {
            title: t('attendance.requests.status'),
            render: (_, r) => (
              <Tag color={STATUS_COLOURS[r.status]}>{t(`attendance.requests.statuses.${r.status}`)}</Tag>
            ),
          },
        ]}
      />
      {open && <RequestDrawer id={open} onClose={() => setOpen(null)} onChanged={() => list.reload()} />}
      <Modal
        open={creating}
        title={t('attendance.requests.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('attendance.requests.submit')}
        cancelText={t('common.cancel')}
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          {can('attendance.read') && (
            <Form.Item name="employeeId" label={t('attendance.grid.employee')}>
              <EmployeePicker />
            </Form.Item>
          )}
          <Form.Item name="kind" label={t('attendance.requests.kind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`attendance.requests.kinds.${k}`) }))} />
          </Form.Item>
          {kind === 'leave' && (
            <Form.Item
              name="leaveType"
              label={t('attendance.requests.leaveType')}
              rules={[{ required: true }]}
            >
              <Select
                options={(leaveTypes.data ?? [])
                  .filter((l) => l.active)
                  .map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }))}
              />
            </Form.Item>
          )}
          {kind === 'punchCorrection' ? (
            <Form.Item name="at" label={t('attendance.requests.correctedTime')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          ) : timed ? (
            <Form.Item name="times" label={t('attendance.requests.when')} rules={[{ required: true }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="dates" label={t('attendance.requests.when')} rules={[{ required: true }]}>
                <DatePicker.RangePicker />
              </Form.Item>
              <Flex gap={12}>
                <Form.Item name="startHalf">
                  <Select
                    allowClear
                    options={[{ value: 'pm', label: t('attendance.requests.fromAfternoon') }]}
                    style={{ width: 180 }}
                  />
                </Form.Item>
                <Form.Item name="endHalf">
                  <Select
                    allowClear
                    options={[{ value: 'am', label: t('attendance.requests.untilNoon') }]}
                    style={{ width: 180 }}
                  />
                </Form.Item>
              </Flex>
            </>
          )}
          <Form.Item name="reason" label={t('attendance.requests.reason')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
