import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOURS } from './api';

/** A day status (迟到, 缺卡, 旷工 …) in its grid colour. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'}>
      {t(`attendance.status.${status}` as 'attendance.status.normal')}
    </Tag>
  );
}
