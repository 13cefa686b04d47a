// Alert settings for HR and admins: detectors, routing per alert kind, webhook channels, the delivery log.
import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { type Channel, ChannelsTab } from './ChannelsTab';
import { DeliveryTab } from './DeliveryTab';
import { type DetectorSettings, DetectorsTab } from './DetectorsTab';
import { type Routing, RoutingTab } from './RoutingTab';

interface Settings {
  detectors: DetectorSettings;
  routing: Routing;
}

export default function AlertSettingsPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const settings = useLoad(() => api.get<Settings>('/api/alerts/settings'), []);
  const channels = useLoad(() => api.get<Channel[]>('/api/notify/channels'), []);
  const users = useLoad(
    () => api.get<{ id: number; username: string; displayName: string }[]>('/api/alerts/recipients'),
    [],
  );
  const [saving, setSaving] = useState(false);

  const save = async (patch: Partial<Settings>) => {
    setSaving(true);
    try {
      await api.put('/api/alerts/settings', patch);
      notify.ok(t('alerts.settings.saved'));
      settings.reload();
    } catch (err) {
      notify.fail(err);
    } finally {
      setSaving(false);
    }
  };

  if (settings.error) return <LoadError error={settings.error} onRetry={settings.reload} />;
  return (
    <Card loading={settings.loading && !settings.data}>
      {settings.data && (
        <Tabs
          items={[
            {
              key: 'detectors',
              label: t('alerts.settings.detectors'),
              children: (
                <DetectorsTab
                  value={settings.data.detectors}
                  saving={saving}
                  onSave={(detectors) => save({ detectors })}
                />
              ),
            },
            {
              key: 'routing',
              label: t('alerts.settings.routing'),
              children: (
                <RoutingTab
                  value={settings.data.routing}
                  users={users.data ?? []}
                  channels={channels.data ?? []}
                  saving={saving}
                  onSave={(routing) => save({ routing })}
                />
              ),
            },
            {
              key: 'channels',
              label: t('alerts.settings.channels'),
              children: <ChannelsTab channels={channels.data ?? []} onChanged={channels.reload} />,
            },
            { key: 'delivery', label: t('alerts.settings.delivery'), children: <DeliveryTab /> },
          ]}
        />
      )}
    </Card>
  );
}
