// What a draft rule or schedule change would have done last month: totals before and after, and each day that
// would differ. Nothing is saved.
import { Alert, Descriptions, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Preview } from './api';
import { StatusTag } from './StatusTag';

/** Each total and the day status that names it. */
const TOTALS: [string, string][] = [
  ['lateMinutes', 'late'],
  ['earlyLeaveMinutes', 'earlyLeave'],
  ['absentDays', 'absentFullDay'],
  ['missingIn', 'missingIn'],
  ['missingOut', 'missingOut'],
  ['overtimeMinutes', 'overtime'],
];

export function PreviewModal({ preview, onClose }: { preview: Preview; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      width={900}
      title={t('attendance.preview.title', { month: preview.month })}
      onCancel={onClose}
      footer={null}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('attendance.preview.summary', {
          days: preview.changedDays,
          employees: preview.changedEmployees,
          total: preview.days,
        })}
      />
      <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
        {TOTALS.map(([k, status]) => (
          <Descriptions.Item key={k} label={t(`attendance.status.${status}` as 'attendance.status.late')}>
            {preview.totals.before[k] ?? 0} →{' '}
            <Typography.Text strong>{preview.totals.after[k] ?? 0}</Typography.Text>
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Table
        size="small"
        rowKey={(d) => `${d.employeeId}-${d.date}`}
        dataSource={preview.differences}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('attendance.grid.employee'), render: (_, d) => `${d.employeeNo} · ${d.name}` },
          { title: t('attendance.requests.when'), dataIndex: 'date' },
          {
            title: t('attendance.preview.before'),
            render: (_, d) => d.before.statuses.map((s) => <StatusTag key={s} status={s} />),
          },
          {
            title: t('attendance.preview.after'),
            render: (_, d) => d.after.statuses.map((s) => <StatusTag key={s} status={s} />),
          },
          {
            title: t('attendance.preview.changes'),
            render: (_, d) =>
              d.changes
                .filter((c) => c.field !== 'statuses')
                .map((c) => `${c.field}: ${c.before ?? '–'} → ${c.after ?? '–'}`)
                .join('; '),
          },
        ]}
      />
      {preview.truncated && (
        <Typography.Text type="secondary">{t('attendance.preview.truncated')}</Typography.Text>
      )}
    </Modal>
  );
}
