// The problems of an import file, one line per row and column, in the UI language.
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../api/types';
import { translateDynamic } from '../../i18n';

export function ProblemsTable({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation();
  return (
    <Table<ImportProblem>
      rowKey={(p) => `${p.row}:${p.field}:${p.code}`}
      size="small"
      dataSource={problems}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        { title: t('import.problemRow'), dataIndex: 'row', width: 90 },
        {
          title: t('import.problemColumn'),
          dataIndex: 'field',
          width: 200,
          render: (field: string) => `${translateDynamic(`import.columns.${field}`, field)} (${field})`,
        },
        {
          title: t('import.problem'),
          dataIndex: 'code',
          render: (code: string) => translateDynamic(`import.problems.${code}`, code),
        },
        { title: t('import.problemValue'), dataIndex: 'value', width: 200, ellipsis: true },
      ]}
    />
  );
}
