// The notice a kiosk shows while the maintenance mode is on (plain markup: the kiosk page has no Ant Design).
// Punching goes on; when the server does not answer, the kiosk's offline queue keeps the punches.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaintenanceNotice } from './api';

export function KioskMaintenanceNotice() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<MaintenanceNotice | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      fetch('/api/maintenance', { cache: 'no-store' })
        .then((r) => (r.ok ? r.json() : null))
        .then((body: { maintenance: MaintenanceNotice | null } | null) => {
          if (alive && body) setNotice(body.maintenance);
        })
        .catch(() => undefined);
    load();
    const timer = window.setInterval(load, 60_000);
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, []);
  if (!notice) return null;
  return (
    <div
      role="alert"
      className="kiosk-maintenance"
      style={{
        background: '#fff7e6',
        color: '#873800',
        borderBottom: '2px solid #ffa940',
        padding: '8px 16px',
        fontSize: 18,
        textAlign: 'center',
      }}
    >
      <strong>{t('operations.maintenance.banner', { title: notice.title })}</strong>
      {notice.message ? ` ${notice.message}` : ''} {t('operations.maintenance.kioskNotice')}
    </div>
  );
}
