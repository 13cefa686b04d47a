// The department picker of the report pages: a manager sees the departments they manage.
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { departmentOptions } from '../../components/departmentTree';
import { useOrgRefs } from '../../components/useOrgRefs';

export function DepartmentFilter(props: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
}) {
  const { t } = useTranslation();
  const { refs } = useOrgRefs();
  return (
    <TreeSelect
      allowClear
      style={{ minWidth: 240 }}
      placeholder={t('reports.allDepartments')}
      treeData={departmentOptions(refs.departments)}
      value={props.value}
      onChange={(v) => props.onChange(v ?? undefined)}
      treeDefaultExpandAll
      aria-label={t('reports.department')}
    />
  );
}
