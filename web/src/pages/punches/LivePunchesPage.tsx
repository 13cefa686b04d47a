// Punches as they happen: the latest ones on opening, then each new punch or refused attempt from the server's
// event stream (server-sent events).
import { Badge, Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';

interface Row {
  key: string;
  kind: 'punch' | 'attempt';
  at: string;
  method: string;
  direction: 'in' | 'out' | null;
  outcome: string;
  employee: string;
  device: string;
  flags: string[];
}

interface PunchDto {
  id: number;
  at: string;
  method: string;
  direction: 'in' | 'out' | null;
  flags: string[];
  employee: { employeeNo: string; name: string };
  device: { name: string } | null;
}

interface PunchEvent {
  kind: 'punch' | 'attempt';
  id: number;
  at: string;
  method: string;
  direction: 'in' | 'out' | null;
  outcome: string;
  employee: { employeeNo: string; name: string } | null;
  device: { name: string };
  flags: string[];
}

const MAX_ROWS = 200;

export default function LivePunchesPage() {
  const { t } = useTranslation();
  const initial = useLoad(() => api.get<PunchDto[]>('/api/punches?limit=50'), []);
  const [live, setLive] = useState<Row[]>([]);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const source = new EventSource('/api/punches/live');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('punch', (message) => {
      const e = JSON.parse((message as MessageEvent<string>).data) as PunchEvent;
      const row: Row = {
        key: `${e.kind}-${e.id}`,
        kind: e.kind,
        at: e.at,
        method: e.method,
        direction: e.direction,
        outcome: e.outcome,
        employee: e.employee ? `${e.employee.name} (${e.employee.employeeNo})` : '',
        device: e.device.name,
        flags: e.flags,
      };
      setLive((rows) => [row, ...rows].slice(0, MAX_ROWS));
    });
    return () => source.close();
  }, []);

  const earlier: Row[] = (initial.data ?? []).map((p) => ({
    key: `punch-${p.id}`,
    kind: 'punch',
    at: p.at,
    method: p.method,
    direction: p.direction,
    outcome: 'recorded',
    employee: `${p.employee.name} (${p.employee.employeeNo})`,
    device: p.device?.name ?? '',
    flags: p.flags,
  }));
  const seen = new Set(live.map((r) => r.key));
  const rows = [...live, ...earlier.filter((r) => !seen.has(r.key))];

  const columns: ColumnsType<Row> = [
    { title: t('punches.fields.at'), dataIndex: 'at', render: (v: string) => formatInstant(v) },
    { title: t('punches.fields.employee'), dataIndex: 'employee' },
    {
      title: t('punches.fields.outcome'),
      key: 'outcome',
      render: (_, r) =>
        r.kind === 'punch' ? (
          <Tag color="green">
            {r.direction ? t(`punches.direction.${r.direction}`) : t('punches.recorded')}
          </Tag>
        ) : (
          <Tag color="red">{t('punches.refused', { outcome: r.outcome })}</Tag>
        ),
    },
    { title: t('punches.fields.method'), dataIndex: 'method' },
    { title: t('punches.fields.device'), dataIndex: 'device' },
    { title: t('punches.fields.flags'), dataIndex: 'flags', render: (f: string[]) => f.join(', ') },
  ];

  return (
    <Card
      extra={
        <Badge
          status={connected ? 'processing' : 'default'}
          text={connected ? t('punches.live') : t('punches.disconnected')}
        />
      }
    >
      {initial.error && <LoadError error={initial.error} onRetry={initial.reload} />}
      <Table<Row>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={initial.loading}
        pagination={false}
      />
    </Card>
  );
}
