// Department statistics and trends (部门考勤统计): the month's figures per department, charts where a picture
// says more than a table, and exports.
import { Card, DatePicker, Flex, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { type Charts, previousMonth, type ReportTable } from './api';
import { ReportCharts } from './Charts';
import { DepartmentFilter } from './DepartmentFilter';
import { ExportButtons } from './ExportButtons';
import { ReportTableView } from './ReportTableView';

export default function DepartmentsReportPage() {
  const [month, setMonth] = useState(previousMonth());
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const report = useLoad(
    () => api.get<ReportTable>('/api/reports/departments', { month, departmentId }),
    [month, departmentId],
  );
  const charts = useLoad(
    () => api.get<Charts>('/api/reports/charts', { month, departmentId, months: 6 }),
    [month, departmentId],
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
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
          <ExportButtons report="departments" month={month} departmentId={departmentId} />
        </div>
        {report.error ? (
          <LoadError error={report.error} onRetry={report.reload} />
        ) : (
          <ReportTableView table={report.data} loading={report.loading} />
        )}
      </Card>
      {charts.error ? (
        <LoadError error={charts.error} onRetry={charts.reload} />
      ) : charts.data ? (
        <ReportCharts charts={charts.data} />
      ) : null}
    </Space>
  );
}
