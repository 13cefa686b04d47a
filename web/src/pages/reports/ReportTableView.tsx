// A report table as the API gives it: headers in the UI language, minutes as hours, rates as percentages,
// status codes in words, and the totals as the last row.
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { type Cell, formatCell, language, type ReportTable } from './api';

type Row = Record<string, Cell> & { _key: string };

export function ReportTableView({ table, loading }: { table: ReportTable | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = language(i18n.language);
  const columns: ColumnsType<Row> = (table?.columns ?? []).map((c, i) => ({
    key: c.key,
    dataIndex: c.key,
    fixed: i < 2 ? ('left' as const) : undefined,
    align: c.kind === 'text' ? undefined : ('right' as const),
    title: c.kind === 'minutes' ? t('reports.hours', { label: c.label[lng] }) : c.label[lng],
    render: (value: Cell) =>
      c.key === 'status' && typeof value === 'string'
        ? value
            .split(',')
            .map((s) => t(`attendance.status.${s}` as 'attendance.status.normal'))
            .join(lng === 'zh-CN' ? '、' : ', ')
        : formatCell(c.kind, value),
  }));
  const rows: Row[] = (table?.rows ?? []).map((r, i) => ({ ...r, _key: String(i) }));
  return (
    <Table<Row>
      size="small"
      rowKey="_key"
      loading={loading}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      pagination={{ defaultPageSize: 50, showSizeChanger: true }}
      summary={() =>
        table?.totals ? (
          <Table.Summary fixed>
            <Table.Summary.Row>
              {table.columns.map((c, i) => (
                <Table.Summary.Cell key={c.key} index={i} align={c.kind === 'text' ? undefined : 'right'}>
                  <Typography.Text strong>
                    {i === 0 ? t('reports.total') : formatCell(c.kind, table.totals?.[c.key] ?? null)}
                  </Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
    />
  );
}
