// Who hears of each kind of alert: the employee, their manager, HR, the security users; webhooks and e-mail.
import { Button, Checkbox, Select, Space, Switch, Table, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_KINDS, type AlertKind } from './types';

export interface RouteRule {
  recipients: string[];
  channels: number[];
  email: boolean;
}

export interface Routing {
  routes: Record<string, RouteRule>;
  securityUserIds: number[];
  attendanceNotices: boolean;
  managerDigest: { enabled: boolean; at: string };
}

const RECIPIENTS = ['employee', 'manager', 'hr', 'security'] as const;

export function RoutingTab({
  value,
  users,
  channels,
  saving,
  onSave,
}: {
  value: Routing;
  users: { id: number; username: string; displayName: string }[];
  channels: { id: number; name: string }[];
  saving: boolean;
  onSave: (v: Routing) => void;
}) {
  const { t } = useTranslation();
  const [routing, setRouting] = useState<Routing>(value);
  const setRule = (kind: string, patch: Partial<RouteRule>) =>
    setRouting((r) => ({ ...r, routes: { ...r.routes, [kind]: { ...r.routes[kind], ...patch } } }));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Table<{ kind: AlertKind }>
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={ALERT_KINDS.map((kind) => ({ kind }))}
        columns={[
          { title: t('alerts.fields.kind'), render: (_, { kind }) => t(`alerts.kinds.${kind}`) },
          {
            title: t('alerts.settings.routing'),
            render: (_, { kind }) => (
              <Checkbox.Group
                value={routing.routes[kind]?.recipients ?? []}
                onChange={(v) => setRule(kind, { recipients: v as string[] })}
                options={RECIPIENTS.map((r) => ({ value: r, label: t(`alerts.settings.recipients.${r}`) }))}
              />
            ),
          },
          {
            title: t('alerts.settings.webhooks'),
            render: (_, { kind }) => (
              <Select
                mode="multiple"
                style={{ minWidth: 180 }}
                value={routing.routes[kind]?.channels ?? []}
                onChange={(v) => setRule(kind, { channels: v })}
                options={channels.map((c) => ({ value: c.id, label: c.name }))}
              />
            ),
          },
          {
            title: t('alerts.settings.email'),
            render: (_, { kind }) => (
              <Switch
                size="small"
                checked={routing.routes[kind]?.email ?? false}
                onChange={(email) => setRule(kind, { email })}
              />
            ),
          },
        ]}
      />
      <Space direction="vertical">
        <Typography.Text strong>{t('alerts.settings.securityUsers')}</Typography.Text>
        <Select
          mode="multiple"
          style={{ minWidth: 360 }}
          value={routing.securityUserIds}
          onChange={(securityUserIds) => setRouting((r) => ({ ...r, securityUserIds }))}
          options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          optionFilterProp="label"
        />
        <Space>
          <Switch
            checked={routing.attendanceNotices}
            onChange={(attendanceNotices) => setRouting((r) => ({ ...r, attendanceNotices }))}
          />
          {t('alerts.settings.attendanceNotices')}
        </Space>
        <Space>
          <Switch
            checked={routing.managerDigest.enabled}
            onChange={(enabled) =>
              setRouting((r) => ({ ...r, managerDigest: { ...r.managerDigest, enabled } }))
            }
          />
          {t('alerts.settings.managerDigest')} {t('alerts.settings.digestAt')}
          <TimePicker
            format="HH:mm"
            value={dayjs(routing.managerDigest.at, 'HH:mm')}
            onChange={(v) =>
              v && setRouting((r) => ({ ...r, managerDigest: { ...r.managerDigest, at: v.format('HH:mm') } }))
            }
          />
        </Space>
      </Space>
      <Button type="primary" loading={saving} onClick={() => onSave(routing)}>
        {t('alerts.settings.save')}
      </Button>
    </Space>
  );
}
