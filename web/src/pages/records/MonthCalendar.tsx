// One employee's month as a calendar: a week per row (Monday first), each day coloured by its main status with
// its statuses and punches; a click (or tap) opens the day's explanation. Narrow enough for a phone.
import { Drawer, Empty, Grid, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mainStatus, STATUS_COLOURS } from '../attendance/api';
import { StatusTag } from '../attendance/StatusTag';
import type { CalendarDay, EmployeeCalendar } from './api';
import './calendar.css';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function MonthCalendar({ calendar }: { calendar: EmployeeCalendar }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [open, setOpen] = useState<CalendarDay | null>(null);
  // Monday = 0 … Sunday = 6
  const lead = (dayjs(calendar.days[0]?.date).day() + 6) % 7;
  const statusLabel = (s: string) => t(`attendance.status.${s}` as 'attendance.status.normal');

  return (
    <>
      <section className="fc-month-calendar" aria-label={calendar.month}>
        {WEEKDAYS.map((w) => (
          <div key={w} className="fc-month-calendar-head">
            {t(`attendance.weekdays.${w}`)}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: empty cells before the first day
          <div key={`lead-${i}`} />
        ))}
        {calendar.days.map((d) => {
          const main = d.evaluated ? mainStatus(d.statuses) : null;
          const colour = main ? STATUS_COLOURS[main] : undefined;
          const label = d.evaluated ? d.statuses.map(statusLabel).join(', ') : t('workspace.calendar.notYet');
          return (
            <button
              key={d.date}
              type="button"
              className="fc-month-calendar-day"
              data-date={d.date}
              data-status={main ?? ''}
              aria-label={`${d.date}: ${label}`}
              disabled={!d.evaluated}
              onClick={() => setOpen(d)}
              style={{
                borderTop: `4px solid ${colour ?? '#f0f0f0'}`,
                outline: d.date === calendar.today ? '2px solid #1677ff' : undefined,
              }}
            >
              <span className="fc-month-calendar-num">{dayjs(d.date).date()}</span>
              {d.evaluated && main && !narrow && (
                <span className="fc-month-calendar-status" style={{ color: colour }}>
                  {statusLabel(main)}
                </span>
              )}
              {d.evaluated && !narrow && d.punches.length > 0 && (
                <span className="fc-month-calendar-punches">{d.punches.join(' ')}</span>
              )}
              {d.evaluated && narrow && main && main !== 'rest' && main !== 'normal' && (
                <span className="fc-month-calendar-dot" style={{ background: colour }} />
              )}
            </button>
          );
        })}
      </section>
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        placement={narrow ? 'bottom' : 'right'}
        size={narrow ? 'large' : 'default'}
        title={open ? `${calendar.employee.name} · ${open.date}` : ''}
      >
        {open && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              {open.statuses.map((s) => (
                <StatusTag key={s} status={s} />
              ))}
              {open.holidayName && <Tag>{open.holidayName}</Tag>}
            </div>
            <Typography.Text>
              {t('workspace.calendar.scheduled')}: {open.scheduled ?? '—'}
            </Typography.Text>
            <Typography.Text>
              {t('workspace.calendar.punches')}:{' '}
              {open.punches.length ? open.punches.join(', ') : t('workspace.calendar.noPunches')}
            </Typography.Text>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('workspace.calendar.explanation')}
            </Typography.Title>
            {open.reasons.length ? (
              <List
                size="small"
                dataSource={open.reasons}
                renderItem={(r) => <List.Item data-reason={r.code}>{r.text}</List.Item>}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Space>
        )}
      </Drawer>
    </>
  );
}
