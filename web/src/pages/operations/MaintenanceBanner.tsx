// The banner the console shows while the maintenance mode is on. It asks the public notice endpoint every
// minute, and at once when the maintenance page switches the mode.
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../components/format';
import { type MaintenanceNotice, operationsApi } from './api';

export function useMaintenanceNotice(everyMs = 60_000): MaintenanceNotice | null {
  const [notice, setNotice] = useState<MaintenanceNotice | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      operationsApi.notice().then(
        (r) => alive && setNotice(r.maintenance),
        () => undefined,
      );
    load();
    const timer = window.setInterval(load, everyMs);
    window.addEventListener('faceclock:maintenance', load);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener('faceclock:maintenance', load);
    };
  }, [everyMs]);
  return notice;
}

export function MaintenanceBanner() {
  const { t } = useTranslation();
  const notice = useMaintenanceNotice();
  if (!notice) return null;
  return (
    <Alert
      banner
      type="warning"
      role="alert"
      title={t('operations.maintenance.banner', { title: notice.title })}
      description={
        [
          notice.message,
          notice.plannedEnd &&
            t('operations.maintenance.bannerUntil', { time: formatInstant(notice.plannedEnd) }),
        ]
          .filter(Boolean)
          .join(' ') || undefined
      }
    />
  );
}
