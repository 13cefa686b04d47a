// Holiday calendars per year: every date coloured workday / rest day / statutory holiday (with the 调休
// workdays), company days off set by a click, the bundled State Council year, import and export.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, InputNumber, Row, Select, Space, Tooltip, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import type { Calendar, CalendarYear } from './api';

const COLOURS: Record<string, string> = {
  workday: '#f6ffed',
  restDay: '#f0f0f0',
  statutoryHoliday: '#fff1f0',
};

export default function CalendarPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canWrite = can('attendance.configure');
  const calendars = useLoad(() => api.get<Calendar[]>('/api/attendance/calendars'), []);
  const [calendarId, setCalendarId] = useState<number | undefined>();
  const [year, setYear] = useState(dayjs().year());
  const cid = calendarId ?? calendars.data?.[0]?.id;
  const data = useLoad(
    async () => (cid ? api.get<CalendarYear>(`/api/attendance/calendars/${cid}/year`, { year }) : undefined),
    [cid, year],
  );

  const put = async (body: object) => {
    try {
      await api.put(`/api/attendance/calendars/${cid}/year?year=${year}`, body);
      notify.ok(t('attendance.saved'));
      data.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const toggleDayOff = (date: string) => {
    if (!canWrite || !data.data) return;
    const off = data.data.daysOff;
    const next = off.some((d) => d.date === date) ? off.filter((d) => d.date !== date) : [...off, { date }];
    void put({ daysOff: next });
  };

  const importFile = async (file: File) => {
    const format = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'ics';
    try {
      await api.upload(`/api/attendance/calendars/${cid}/import?year=${year}&format=${format}`, file);
      notify.ok(t('attendance.saved'));
      data.reload();
    } catch (err) {
      notify.fail(err);
    }
    return false;
  };

  const months = Array.from({ length: 12 }, (_, m) => m);
  const days = data.data?.days ?? [];
  const offSet = new Set((data.data?.daysOff ?? []).map((d) => d.date));

  return (
    <Card>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 220 }}
          value={cid}
          onChange={setCalendarId}
          options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          aria-label={t('attendance.groups.calendar')}
        />
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
        <Space>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/attendance/calendars/${cid}/export?year=${year}&format=csv`}
          >
            CSV
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/attendance/calendars/${cid}/export?year=${year}&format=ics`}
          >
            iCalendar
          </Button>
          {canWrite && (
            <>
              <Upload accept=".csv,.ics" showUploadList={false} beforeUpload={importFile}>
                <Button icon={<UploadOutlined />}>{t('attendance.calendar.import')}</Button>
              </Upload>
              {data.data?.bundledAvailable && (
                <Button onClick={() => put({ bundled: true })}>
                  {t('attendance.calendar.loadBundled', { year })}
                </Button>
              )}
            </>
          )}
        </Space>
      </Flex>
      <Flex gap={16} style={{ marginBottom: 12 }}>
        {Object.entries(COLOURS).map(([type, colour]) => (
          <Space key={type} size={4}>
            <span
              style={{
                display: 'inline-block',
                width: 14,
                height: 14,
                background: colour,
                border: '1px solid #d9d9d9',
              }}
            />
            {t(`attendance.dayTypes.${type}` as 'attendance.dayTypes.workday')}
          </Space>
        ))}
        <Typography.Text type="secondary">
          {canWrite ? t('attendance.calendar.clickHelp') : ''}
        </Typography.Text>
      </Flex>
      {data.error && <LoadError error={data.error} onRetry={data.reload} />}
      <Row gutter={[16, 16]}>
        {months.map((m) => {
          const inMonth = days.filter((d) => Number(d.date.slice(5, 7)) === m + 1);
          const lead = inMonth.length ? dayjs(inMonth[0].date).day() : 0;
          return (
            <Col key={m} xs={24} sm={12} lg={8} xl={6}>
              <Typography.Text strong>
                {dayjs(`${year}-${String(m + 1).padStart(2, '0')}-01`).format('YYYY-MM')}
              </Typography.Text>
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4 }}>
                {inMonth.map((d, i) => (
                  <Tooltip key={d.date} title={`${d.date} ${d.name ?? ''} (${d.source})`}>
                    <button
                      type="button"
                      onClick={() => toggleDayOff(d.date)}
                      style={{
                        background: COLOURS[d.type],
                        border: offSet.has(d.date)
                          ? '2px solid #722ed1'
                          : d.name
                            ? '1px solid #ff7875'
                            : '1px solid #f0f0f0',
                        fontWeight: d.name ? 600 : 400,
                        padding: 2,
                        gridColumnStart: i === 0 ? lead + 1 : undefined,
                        cursor: canWrite ? 'pointer' : 'default',
                      }}
                    >
                      {Number(d.date.slice(8))}
                    </button>
                  </Tooltip>
                ))}
              </div>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
