// One employee's month as a calendar with each day's status and explanation (a manager: their departments).
import { TableOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { EmployeePicker } from '../../components/EmployeePicker';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { currentMonth } from '../attendance/api';
import type { EmployeeCalendar } from './api';
import { MonthCalendar } from './MonthCalendar';

export default function EmployeeCalendarPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const employeeId = Number(params.get('employeeId')) || undefined;
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? (params.get('month') as string)
    : currentMonth();
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const calendar = useLoad(
    () =>
      employeeId
        ? api.get<EmployeeCalendar>('/api/records/calendar', { employeeId, month })
        : Promise.resolve(undefined),
    [employeeId, month, i18n.language],
  );
  const c = calendar.data;

  return (
    <Card
      extra={
        <Link to="/attendance/grid">
          <Button icon={<TableOutlined />}>{t('workspace.calendar.openGrid')}</Button>
        </Link>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 240 }}>
          <EmployeePicker
            value={employeeId}
            currentLabel={c ? `${c.employee.employeeNo} · ${c.employee.name}` : undefined}
            onChange={(v) => update({ employeeId: v ? String(v) : undefined })}
          />
        </div>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(v) => v && update({ month: v.format('YYYY-MM') })}
        />
      </Flex>
      {calendar.error && <LoadError error={calendar.error} onRetry={calendar.reload} />}
      {!employeeId && <Empty description={t('workspace.calendar.pickEmployee')} />}
      {c && (
        <>
          <Typography.Paragraph type="secondary">
            {c.employee.employeeNo} · {c.employee.name} · {t('workspace.calendar.summary', c.summary)}
          </Typography.Paragraph>
          <MonthCalendar calendar={c} />
        </>
      )}
    </Card>
  );
}
