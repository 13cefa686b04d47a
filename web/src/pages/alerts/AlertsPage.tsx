// The alert centre: counts per status, filters by severity and kind, the list, and one alert in a drawer
// (opened from the list or from a notice's link /alerts/<id>).
import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Segmented, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { EmployeePicker } from '../../components/EmployeePicker';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { AlertDrawer } from './AlertDrawer';
import { AlertText } from './AlertText';
import {
  ALERT_KINDS,
  ALERT_STATUSES,
  type Alert,
  type AlertList,
  type AlertSeverity,
  type AlertStatus,
  SEVERITIES,
  SEVERITY_COLOURS,
  STATUS_COLOURS,
} from './types';

const PAGE = 20;

export default function AlertsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const navigate = useNavigate();
  const params = useParams();
  const openId = params.id ? Number(params.id) : null;
  const [status, setStatus] = useState<AlertStatus | 'all'>('open');
  const [severity, setSeverity] = useState<AlertSeverity[]>([]);
  const [kind, setKind] = useState<string[]>([]);
  const [employeeId, setEmployeeId] = useState<number | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const query = new URLSearchParams();
  if (status !== 'all') query.append('status', status);
  for (const s of severity) query.append('severity', s);
  for (const k of kind) query.append('kind', k);
  if (employeeId) query.set('employeeId', String(employeeId));
  if (range?.[0]) query.set('from', range[0].startOf('day').toISOString());
  if (range?.[1]) query.set('to', range[1].add(1, 'day').startOf('day').toISOString());
  query.set('limit', String(PAGE));
  query.set('offset', String((page - 1) * PAGE));
  const list = useLoad(() => api.get<AlertList>(`/api/alerts?${query.toString()}`), [query.toString()]);

  const scan = async () => {
    try {
      const res = await api.post<{ raised: number[] }>('/api/alerts/scan');
      notify.ok(t('alerts.filters.scanned', { count: res.raised.length }));
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const counts = list.data?.counts;
  return (
    <Card
      title={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as AlertStatus | 'all');
            setPage(1);
          }}
          options={[
            ...ALERT_STATUSES.map((s) => ({
              value: s,
              label: `${t(`alerts.status.${s}`)}${counts ? ` (${counts[s]})` : ''}`,
            })),
            { value: 'all', label: t('alerts.filters.allStatuses') },
          ]}
        />
      }
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label="reload" />
          {can('notify.configure') && (
            <>
              <Button onClick={scan}>{t('alerts.filters.scan')}</Button>
              <Button icon={<SettingOutlined />} onClick={() => navigate('/alert-settings')}>
                {t('alerts.nav.settings')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('alerts.filters.severity')}
          value={severity}
          onChange={(v) => {
            setSeverity(v);
            setPage(1);
          }}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`alerts.severity.${s}`) }))}
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 320 }}
          placeholder={t('alerts.filters.kind')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={ALERT_KINDS.map((k) => ({ value: k, label: t(`alerts.kinds.${k}`) }))}
        />
        {can('employees.read') && (
          <div style={{ minWidth: 240 }}>
            <EmployeePicker
              value={employeeId}
              onChange={(v) => {
                setEmployeeId(v);
                setPage(1);
              }}
            />
          </div>
        )}
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => {
            setRange(v);
            setPage(1);
          }}
        />
      </Space>
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<Alert>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        onRow={(a) => ({ onClick: () => navigate(`/alerts/${a.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('alerts.fields.severity'),
            dataIndex: 'severity',
            width: 100,
            render: (s: AlertSeverity) => <Tag color={SEVERITY_COLOURS[s]}>{t(`alerts.severity.${s}`)}</Tag>,
          },
          { title: t('alerts.fields.what'), render: (_, a) => <AlertText alert={a} /> },
          {
            title: t('alerts.fields.employee'),
            render: (_, a) => (a.employee ? `${a.employee.name} (${a.employee.employeeNo})` : ''),
          },
          {
            title: t('alerts.fields.place'),
            render: (_, a) => [a.device?.name, a.site?.name].filter(Boolean).join(' · '),
          },
          {
            title: t('alerts.fields.occurredAt'),
            dataIndex: 'occurredAt',
            width: 170,
            render: formatInstant,
          },
          {
            title: t('alerts.fields.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: AlertStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`alerts.status.${s}`)}</Tag>,
          },
        ]}
      />
      <AlertDrawer
        id={openId}
        canManage={can('alerts.manage')}
        onClose={() => navigate('/alerts')}
        onChanged={list.reload}
      />
    </Card>
  );
}
