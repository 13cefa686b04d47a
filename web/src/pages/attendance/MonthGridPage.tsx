// The monthly grid: employees × days, each day coloured by its worst status; a click explains the day. HR
// closes a month after review and reopens it with a reason.
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Input, Modal, Space, Table, Tag, Tooltip, TreeSelect } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { departmentOptions } from '../../components/departmentTree';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { useOrgRefs } from '../../components/useOrgRefs';
import { currentMonth, type Grid, type GridCell, mainStatus, STATUS_COLOURS } from './api';
import { DayDrawer } from './DayDrawer';

type Row = Grid['rows'][number];

export default function MonthGridPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const { refs } = useOrgRefs();
  const [month, setMonth] = useState(currentMonth());
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const [page, setPage] = useState({ current: 1, pageSize: 100 });
  const [open, setOpen] = useState<{ employeeId: number; date: string } | null>(null);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const grid = useLoad(
    () =>
      api.get<Grid>('/api/attendance/grid', {
        month,
        departmentId,
        limit: page.pageSize,
        offset: (page.current - 1) * page.pageSize,
      }),
    [month, departmentId, page],
  );

  const close = async () => {
    try {
      await api.post('/api/attendance/months/close', { month });
      notify.ok(t('attendance.saved'));
      grid.reload();
    } catch (err) {
      notify.fail(err);
    }
  };
  const reopen = async () => {
    try {
      await api.post('/api/attendance/months/reopen', { month, reason });
      notify.ok(t('attendance.saved'));
      setReopening(false);
      setReason('');
      grid.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const cell = (c: GridCell | null, row: Row, date: string) => {
    if (!c) return <span style={{ color: '#ccc' }}>·</span>;
    const status = mainStatus(c.statuses);
    const label = c.statuses.map((s) => t(`attendance.status.${s}` as 'attendance.status.normal')).join(', ');
    return (
      <Tooltip
        title={`${label}${c.lateMinutes ? ` · ${t('attendance.grid.lateMinutes', { n: c.lateMinutes })}` : ''}`}
      >
        <button
          type="button"
          aria-label={`${row.name} ${date}: ${label}`}
          onClick={() => setOpen({ employeeId: row.employeeId, date })}
          style={{
            width: 22,
            height: 22,
            border: 0,
            borderRadius: 4,
            cursor: 'pointer',
            background: STATUS_COLOURS[status],
          }}
        />
      </Tooltip>
    );
  };

  const dates = grid.data?.dates ?? [];
  const columns: ColumnsType<Row> = [
    {
      title: t('attendance.grid.employee'),
      key: 'employee',
      fixed: 'left',
      width: 160,
      render: (_, r) => `${r.employeeNo} · ${r.name}`,
    },
    ...dates.map((date, i) => ({
      title: dayjs(date).format('D'),
      key: date,
      width: 34,
      align: 'center' as const,
      render: (_: unknown, r: Row) => cell(r.cells[i], r, date),
    })),
  ];

  return (
    <Card>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(v) => v && setMonth(v.format('YYYY-MM'))}
        />
        <TreeSelect
          allowClear
          style={{ minWidth: 240 }}
          placeholder={t('attendance.grid.allDepartments')}
          treeData={departmentOptions(refs.departments)}
          value={departmentId}
          onChange={(v) => setDepartmentId(v ?? undefined)}
          treeDefaultExpandAll
        />
        {grid.data?.closed ? <Tag color="red">{t('attendance.grid.monthClosed')}</Tag> : null}
        {can('months.close') && (
          <Space>
            {grid.data?.closed ? (
              <Button icon={<UnlockOutlined />} onClick={() => setReopening(true)}>
                {t('attendance.grid.reopen')}
              </Button>
            ) : (
              <Button icon={<LockOutlined />} onClick={close}>
                {t('attendance.grid.close')}
              </Button>
            )}
          </Space>
        )}
      </Flex>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {[
          'normal',
          'late',
          'earlyLeave',
          'missingIn',
          'absentHalfDay',
          'absentFullDay',
          'leave',
          'businessTrip',
          'overtime',
          'rest',
        ].map((s) => (
          <Space key={s} size={4}>
            <span
              style={{
                display: 'inline-block',
                width: 12,
                height: 12,
                borderRadius: 3,
                background: STATUS_COLOURS[s],
              }}
            />
            {t(`attendance.status.${s}` as 'attendance.status.normal')}
          </Space>
        ))}
      </Flex>
      {grid.error && <LoadError error={grid.error} onRetry={grid.reload} />}
      <Table<Row>
        rowKey="employeeId"
        size="small"
        bordered
        columns={columns}
        dataSource={grid.data?.rows ?? []}
        loading={grid.loading}
        scroll={{ x: 160 + dates.length * 34, y: 640 }}
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: grid.data?.total ?? 0,
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
      />
      {open && <DayDrawer employeeId={open.employeeId} date={open.date} onClose={() => setOpen(null)} />}
      <Modal
        open={reopening}
        title={`${t('attendance.grid.reopen')} ${month}`}
        onCancel={() => setReopening(false)}
        onOk={reopen}
        okButtonProps={{ disabled: !reason.trim() }}
        okText={t('attendance.grid.reopen')}
        cancelText={t('common.cancel')}
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('attendance.grid.reopenReason')}
          rows={3}
        />
      </Modal>
    </Card>
  );
}
