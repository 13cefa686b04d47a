// The monthly summary (月度考勤汇总) per employee: days scheduled and worked, late and early leave (count and
// hours), absence, missing punches, leave by type, overtime by kind and the attendance rate, with exports.
import { Card, DatePicker, Flex } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { previousMonth, type ReportTable } from './api';
import { DepartmentFilter } from './DepartmentFilter';
import { ExportButtons } from './ExportButtons';
import { ReportTableView } from './ReportTableView';

export default function MonthlyReportPage() {
  const [month, setMonth] = useState(previousMonth());
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const report = useLoad(
    () => api.get<ReportTable>('/api/reports/monthly', { month, departmentId }),
    [month, departmentId],
  );
  return (
    <Card>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(v) => v && setMonth(v.format('YYYY-MM'))}
        />
        <DepartmentFilter value={departmentId} onChange={setDepartmentId} />
      </Flex>
      <div style={{ marginBottom: 16 }}>
        <ExportButtons report="monthly" month={month} departmentId={departmentId} />
      </div>
      {report.error ? (
        <LoadError error={report.error} onRetry={report.reload} />
      ) : (
        <ReportTableView table={report.data} loading={report.loading} />
      )}
    </Card>
  );
}
