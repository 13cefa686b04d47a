// The daily report (考勤日报): each employee's day — shift, status, first and last punch, hours, late, early
// leave, missing punches, absence, leave and overtime — with exports.
import { Card, DatePicker, Flex } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { type ReportTable, yesterday } from './api';
import { DepartmentFilter } from './DepartmentFilter';
import { ExportButtons } from './ExportButtons';
import { ReportTableView } from './ReportTableView';

export default function DailyReportPage() {
  const [date, setDate] = useState(yesterday());
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const report = useLoad(
    () => api.get<ReportTable>('/api/reports/daily', { date, departmentId }),
    [date, departmentId],
  );
  return (
    <Card>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <DatePicker
          allowClear={false}
          value={dayjs(date)}
          onChange={(v) => v && setDate(v.format('YYYY-MM-DD'))}
        />
        <DepartmentFilter value={departmentId} onChange={setDepartmentId} />
      </Flex>
      <div style={{ marginBottom: 16 }}>
        <ExportButtons report="daily" date={date} departmentId={departmentId} />
      </div>
      {report.error ? (
        <LoadError error={report.error} onRetry={report.reload} />
      ) : (
        <ReportTableView table={report.data} loading={report.loading} />
      )}
    </Card>
  );
}
