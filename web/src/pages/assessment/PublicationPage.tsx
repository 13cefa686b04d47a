// The public list of a published month (公示): every logged-in user may read it; names are masked when the
// setting says so.
import { Alert, Card, Empty, Flex, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { type Cycle, type PublicRow, percent, yuan } from './api';

export default function PublicationPage() {
  const { t } = useTranslation();
  const months = useLoad(
    () => api.get<{ month: string; appealUntil: string | null }[]>('/api/assessment/publications'),
    [],
  );
  const [month, setMonth] = useState<string | null>(null);
  useEffect(() => {
    if (!month && months.data?.length) setMonth(months.data[0].month);
  }, [months.data, month]);
  const list = useLoad(
    () =>
      month
        ? api.get<{ cycle: Cycle; masked: boolean; items: PublicRow[] }>('/api/assessment/publication', {
            month,
          })
        : Promise.resolve(null),
    [month],
  );
  if (months.error) return <LoadError error={months.error} onRetry={months.reload} />;
  if (months.data && months.data.length === 0)
    return (
      <Card>
        <Empty description={t('assessment.publication.none')} />
      </Card>
    );
  return (
    <Card>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <span>{t('assessment.month')}</span>
        <Select
          style={{ width: 140 }}
          value={month}
          onChange={setMonth}
          options={(months.data ?? []).map((m) => ({ value: m.month, label: m.month }))}
          data-testid="publication-month"
        />
        {list.data?.cycle.appealUntil && (
          <span>{t('assessment.appealUntil', { date: list.data.cycle.appealUntil })}</span>
        )}
      </Flex>
      {month && <Typography.Title level={4}>{t('assessment.publication.title', { month })}</Typography.Title>}
      {list.data?.masked && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('assessment.publication.masked')} />
      )}
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<PublicRow>
        rowKey={(_, i) => String(i)}
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        columns={[
          { title: t('assessment.fields.employee'), dataIndex: 'name' },
          { title: t('assessment.fields.department'), dataIndex: 'departmentName' },
          { title: t('assessment.fields.attendanceRate'), render: (_, r) => percent(r.attendanceRate) },
          { title: t('assessment.fields.late'), dataIndex: 'lateCount' },
          { title: t('assessment.fields.earlyLeave'), dataIndex: 'earlyLeaveCount' },
          { title: t('assessment.fields.absent'), dataIndex: 'absentDays' },
          { title: t('assessment.fields.missing'), dataIndex: 'missingPunches' },
          { title: t('assessment.fields.score'), dataIndex: 'score' },
          {
            title: t('assessment.fields.penalties'),
            dataIndex: 'penaltiesFen',
            align: 'right',
            render: (f: number) => yuan(f),
          },
          {
            title: t('assessment.fields.rewards'),
            dataIndex: 'rewardsFen',
            align: 'right',
            render: (f: number) => yuan(f),
          },
          {
            title: t('assessment.fields.total'),
            dataIndex: 'totalFen',
            align: 'right',
            render: (f: number) => yuan(f),
          },
        ]}
      />
    </Card>
  );
}
