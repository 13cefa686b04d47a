// The schedule grid (排班表): each member's shift per date from the roster, with per-date cells HR sets for one
// employee (a swap, a day off) or clears again.
import { Button, Card, DatePicker, Flex, Popover, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import type { Group, Shift } from './api';

interface Cell {
  date: string;
  shift: string | null;
  dayType: string;
  source: string;
  override: boolean;
}
interface Row {
  employeeId: number;
  employeeNo: string;
  name: string;
  cells: Cell[];
}

const OFF = '__off__';

export default function ScheduleGridPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canWrite = can('attendance.configure');
  const groups = useLoad(() => api.get<Group[]>('/api/attendance/groups'), []);
  const shifts = useLoad(() => api.get<Shift[]>('/api/attendance/shifts'), []);
  const [groupId, setGroupId] = useState<number | undefined>();
  const [week, setWeek] = useState<Dayjs>(dayjs().startOf('week'));
  const gid = groupId ?? groups.data?.[0]?.id;
  const from = week.format('YYYY-MM-DD');
  const to = week.add(13, 'day').format('YYYY-MM-DD');
  const grid = useLoad(
    async () =>
      gid
        ? api.get<{ rows: Row[] }>(`/api/attendance/groups/${gid}/schedule`, { from, to, limit: 500 })
        : { rows: [] },
    [gid, from, to],
  );

  const setCell = async (employeeId: number, date: string, value: string | null) => {
    try {
      const body =
        value === null
          ? { remove: [{ date, employeeId }] }
          : { set: [{ date, employeeId, shift: value === OFF ? null : value }] };
      await api.put(`/api/attendance/groups/${gid}/overrides`, body);
      grid.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const dates = Array.from({ length: 14 }, (_, i) => week.add(i, 'day'));
  const columns: ColumnsType<Row> = [
    {
      title: t('attendance.grid.employee'),
      fixed: 'left',
      width: 160,
      render: (_, r) => `${r.employeeNo} · ${r.name}`,
    },
    ...dates.map((d, i) => ({
      title: `${d.format('MM-DD')} ${t(`attendance.weekdays.${['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][d.day()]}` as 'attendance.weekdays.mon')}`,
      key: d.format('YYYY-MM-DD'),
      width: 90,
      render: (_: unknown, r: Row) => {
        const c = r.cells[i];
        if (!c) return null;
        const tag = (
          <Tag
            color={
              c.override ? 'purple' : c.shift ? 'blue' : c.dayType === 'statutoryHoliday' ? 'red' : 'default'
            }
          >
            {c.shift ?? t(`attendance.dayTypes.${c.dayType}` as 'attendance.dayTypes.restDay')}
          </Tag>
        );
        if (!canWrite || c.source === 'notInGroup') return tag;
        return (
          <Popover
            trigger="click"
            content={
              <Space direction="vertical">
                <Select
                  style={{ width: 160 }}
                  placeholder={t('attendance.schedule.setShift')}
                  options={[
                    { value: OFF, label: t('attendance.status.rest') },
                    ...(shifts.data ?? []).map((s) => ({ value: s.code, label: s.code })),
                  ]}
                  onChange={(v: string) => setCell(r.employeeId, c.date, v)}
                />
                {c.override && (
                  <Button size="small" onClick={() => setCell(r.employeeId, c.date, null)}>
                    {t('attendance.schedule.clear')}
                  </Button>
                )}
              </Space>
            }
          >
            <span style={{ cursor: 'pointer' }}>{tag}</span>
          </Popover>
        );
      },
    })),
  ];

  return (
    <Card>
      <Flex gap={12} style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 200 }}
          value={gid}
          onChange={setGroupId}
          options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
        />
        <DatePicker
          picker="week"
          value={week}
          allowClear={false}
          onChange={(v) => v && setWeek(v.startOf('week'))}
        />
      </Flex>
      {grid.error && <LoadError error={grid.error} onRetry={grid.reload} />}
      <Table<Row>
        rowKey="employeeId"
        size="small"
        bordered
        loading={grid.loading}
        columns={columns}
        dataSource={grid.data?.rows ?? []}
        scroll={{ x: 160 + 14 * 90 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
      />
    </Card>
  );
}
