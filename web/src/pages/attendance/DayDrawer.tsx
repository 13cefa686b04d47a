// One employee-day explained: the statuses, every reason in words, the punches, and what changed and why.
import { Descriptions, Drawer, Empty, List, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { type DayExplanation, STATUS_COLOURS } from './api';
import { StatusTag } from './StatusTag';

export function DayDrawer({
  employeeId,
  date,
  onClose,
}: {
  employeeId: number;
  date: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const day = useLoad(
    () => api.get<DayExplanation>('/api/attendance/day', { employeeId, date }),
    [employeeId, date, i18n.language],
  );
  const d = day.data;
  return (
    <Drawer
      open
      width={560}
      onClose={onClose}
      title={d ? `${d.employee.employeeNo} · ${d.employee.name} · ${date}` : date}
      loading={day.loading}
    >
      {day.error && <LoadError error={day.error} onRetry={day.reload} />}
      {d && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('attendance.requests.status')}>
              {d.result.statuses.map((s) => (
                <StatusTag key={s} status={s} />
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('attendance.day.dayType')}>
              {t(`attendance.dayTypes.${d.result.dayType}`)}
              {d.result.shiftId ? ` · ${d.result.shiftId}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('attendance.day.history')}>
              {d.stored
                ? t('attendance.day.version', { version: d.version, cause: d.cause })
                : t('attendance.day.notStored')}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('attendance.day.reasons')}</Typography.Title>
          <List size="small" dataSource={d.reasons} renderItem={(r) => <List.Item>{r.text}</List.Item>} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('attendance.day.punches')}
          </Typography.Title>
          {d.punches.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              size="small"
              dataSource={d.punches}
              renderItem={(p) => (
                <List.Item>
                  {formatInstant(p.at)} <Tag>{p.method}</Tag> {p.note}
                </List.Item>
              )}
            />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('attendance.day.history')}
          </Typography.Title>
          <Timeline
            items={d.history.map((h) => ({
              color: STATUS_COLOURS.overtime,
              content: (
                <>
                  <Typography.Text strong>
                    v{h.version} · {formatInstant(h.computedAt)}
                  </Typography.Text>
                  <div>{h.cause}</div>
                  {h.changes.map((c) => (
                    <div key={c.field}>
                      <Typography.Text type="secondary">{c.field}</Typography.Text>: {String(c.before ?? '–')}{' '}
                      → {String(c.after ?? '–')}
                    </div>
                  ))}
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
