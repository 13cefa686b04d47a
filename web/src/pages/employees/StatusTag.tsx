import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EmployeeStatus } from '../../api/types';

const colors: Record<EmployeeStatus, string> = {
  active: 'green',
  suspended: 'orange',
  terminated: 'default',
};

export function StatusTag({ status }: { status: EmployeeStatus }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`employees.status.${status}`)}</Tag>;
}
