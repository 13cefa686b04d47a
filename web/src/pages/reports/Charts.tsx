// The report charts: attendance rate by department, late arrivals by weekday and hour (a heat map), overtime
// hours by month and kind, and the attendance rate month by month.
import { Card, Col, Empty, Row } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import type { Charts } from './api';

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const percent = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 100);

export function ReportCharts({ charts }: { charts: Charts }) {
  const { t } = useTranslation();
  const weekdays = t('reports.charts.weekdays').split(',');
  const byDept = charts.attendanceRateByDepartment;
  const heat = charts.late.counts.flatMap((row, d) => row.map((n, h) => [h, d, n]));
  const maxLate = Math.max(1, ...charts.late.counts.flat());
  const hours = charts.late.byHour.map((n, h) => ({ n, h })).filter((x) => x.n > 0);
  const firstHour = Math.max(0, Math.min(7, ...hours.map((x) => x.h)));
  const lastHour = Math.min(23, Math.max(11, ...hours.map((x) => x.h)));
  const shownHours = HOURS.slice(firstHour, lastHour + 1);
  const chartStyle = { height: 300 };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('reports.charts.rateByDepartment')}>
          {byDept.length ? (
            <ReactECharts
              style={chartStyle}
              option={{
                tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
                grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
                xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                yAxis: {
                  type: 'category',
                  data: byDept.map((d) => d.department ?? t('reports.noDepartment')),
                },
                series: [
                  {
                    type: 'bar',
                    data: byDept.map((d) => percent(d.attendanceRate)),
                    label: { show: true, position: 'right', formatter: '{c}%' },
                  },
                ],
              }}
            />
          ) : (
            <Empty />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('reports.charts.lateByWeekdayHour', { total: charts.late.total })}>
          <ReactECharts
            style={chartStyle}
            option={{
              tooltip: {
                position: 'top',
                formatter: (p: { value: number[] }) =>
                  `${weekdays[p.value[1]]} ${HOURS[p.value[0]]}:00 — ${t('reports.charts.lateCount', { n: p.value[2] })}`,
              },
              grid: { left: 8, right: 8, bottom: 56, top: 8, containLabel: true },
              xAxis: { type: 'category', data: shownHours, name: t('reports.charts.hour') },
              yAxis: { type: 'category', data: weekdays, inverse: true },
              visualMap: {
                min: 0,
                max: maxLate,
                calculable: true,
                orient: 'horizontal',
                left: 'center',
                bottom: 0,
                itemHeight: 120,
              },
              series: [
                {
                  type: 'heatmap',
                  data: heat
                    .filter(([h, , n]) => n > 0 && h >= firstHour && h <= lastHour)
                    .map(([h, d, n]) => [h - firstHour, d, n]),
                  label: {
                    show: true,
                    formatter: (p: { value: number[] }) => (p.value[2] ? String(p.value[2]) : ''),
                  },
                },
              ],
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('reports.charts.overtimeByMonth')}>
          <ReactECharts
            style={chartStyle}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { bottom: 0 },
              grid: { left: 8, right: 16, bottom: 32, top: 16, containLabel: true },
              xAxis: { type: 'category', data: charts.overtimeByMonth.map((m) => m.month) },
              yAxis: { type: 'value', name: t('reports.charts.hoursUnit') },
              series: (['workday', 'restDay', 'holiday'] as const).map((kind) => ({
                name: t(`reports.charts.overtime.${kind}`),
                type: 'bar',
                stack: 'overtime',
                data: charts.overtimeByMonth.map((m) => m[kind]),
              })),
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('reports.charts.rateByMonth')}>
          <ReactECharts
            style={chartStyle}
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
              grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
              xAxis: { type: 'category', data: charts.attendanceRateByMonth.map((m) => m.month) },
              yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
              series: [
                {
                  type: 'line',
                  data: charts.attendanceRateByMonth.map((m) => percent(m.attendanceRate)),
                  label: { show: true, formatter: '{c}%' },
                },
              ],
            }}
          />
        </Card>
      </Col>
    </Row>
  );
}
