// The dashboard (考勤看板): today in the reader's scope — present, late, absent, on leave, away, not yet in —
// per department; arrivals per ten minutes; kiosks online, open alerts and requests waiting for me; and the
// punches as they happen (the live stream of the punches page). Counts refresh every minute and after a punch.
import { Badge, Card, Col, Drawer, Empty, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { STATE_COLOURS, type TodayState } from '../records/api';

type Counts = Record<TodayState, number>;

interface Dashboard {
  date: string;
  zone: string;
  asOf: string;
  total: Counts & { employees: number };
  departments: { id: number | null; name: string | null; employees: number; counts: Counts }[];
  arrivals: { time: string; count: number }[];
  kiosks: { online: number; total: number } | null;
  alerts: { open: number; bySeverity: Record<string, number> } | null;
  approvals: { waiting: number } | null;
}

interface LivePunch {
  key: string;
  at: string;
  who: string;
  direction: 'in' | 'out' | null;
  refused: string | null;
}

interface Person {
  id: number;
  employeeNo: string;
  name: string;
  department: string | null;
  scheduled: string | null;
  punches: string[];
}

const SHOWN: TodayState[] = ['present', 'late', 'absent', 'onLeave', 'away', 'notYetIn'];
const REFRESH_MS = 60_000;

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const board = useLoad(() => api.get<Dashboard>('/api/dashboard'), []);
  const { reload } = board;
  const [punches, setPunches] = useState<LivePunch[]>([]);
  const [connected, setConnected] = useState(false);
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  // A figure opens the names behind it: one state, everywhere or in one department (0: none).
  const [who, setWho] = useState<{ state: TodayState; departmentId?: number; department?: string } | null>(
    null,
  );
  const people = useLoad(
    () =>
      who
        ? api.get<Person[]>('/api/dashboard/people', { state: who.state, departmentId: who.departmentId })
        : Promise.resolve([]),
    [who],
  );

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  useEffect(() => {
    let alive = true;
    api
      .get<
        {
          id: number;
          at: string;
          direction: 'in' | 'out' | null;
          employee: { employeeNo: string; name: string };
        }[]
      >('/api/punches', { limit: 10, from: dayjs().startOf('day').toISOString() })
      .then((rows) => {
        if (!alive) return;
        setPunches((live) => [
          ...live,
          ...rows.map((p) => ({
            key: `punch-${p.id}`,
            at: p.at,
            who: `${p.employee.name} (${p.employee.employeeNo})`,
            direction: p.direction,
            refused: null,
          })),
        ]);
      })
      .catch(() => {});
    const source = new EventSource('/api/punches/live');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('punch', (message) => {
      const e = JSON.parse((message as MessageEvent<string>).data) as {
        kind: 'punch' | 'attempt';
        id: number;
        at: string;
        direction: 'in' | 'out' | null;
        outcome: string;
        employee: { employeeNo: string; name: string } | null;
      };
      const row: LivePunch = {
        key: `${e.kind}-${e.id}`,
        at: e.at,
        who: e.employee ? `${e.employee.name} (${e.employee.employeeNo})` : '—',
        direction: e.direction,
        refused: e.kind === 'attempt' ? e.outcome : null,
      };
      setPunches((rows) => [row, ...rows.filter((r) => r.key !== row.key)].slice(0, 10));
      // A punch changes today's counts: reload once the burst settles.
      clearTimeout(pending.current);
      pending.current = setTimeout(reload, 2000);
    });
    return () => {
      alive = false;
      source.close();
      clearTimeout(pending.current);
    };
  }, [reload]);

  const d = board.data;
  const stateLabel = (s: TodayState) => t(`workspace.states.${s}`);
  const columns: ColumnsType<Dashboard['departments'][number]> = [
    {
      title: t('workspace.dashboard.department'),
      key: 'name',
      render: (_, r) => r.name ?? t('workspace.dashboard.noDepartment'),
    },
    { title: t('workspace.dashboard.employees'), dataIndex: 'employees', align: 'right' },
    ...SHOWN.map((s) => ({
      title: stateLabel(s),
      key: s,
      align: 'right' as const,
      render: (_: unknown, r: Dashboard['departments'][number]) =>
        r.counts[s] ? (
          <Typography.Link
            style={{ color: STATE_COLOURS[s], fontWeight: 600 }}
            onClick={() =>
              setWho({
                state: s,
                departmentId: r.id ?? 0,
                department: r.name ?? t('workspace.dashboard.noDepartment'),
              })
            }
          >
            {r.counts[s]}
          </Typography.Link>
        ) : (
          0
        ),
    })),
  ];

  const chart = d && {
    animation: false,
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: d.arrivals.map((a) => a.time) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('workspace.dashboard.arrivalsSeries'),
        type: 'bar',
        data: d.arrivals.map((a) => a.count),
        itemStyle: { color: '#1677ff' },
      },
    ],
  };

  return (
    <div data-testid="dashboard">
      {board.error && <LoadError error={board.error} onRetry={reload} />}
      {d && (
        <Typography.Paragraph type="secondary">
          {t('workspace.dashboard.today', { date: d.date })} ·{' '}
          {t('workspace.dashboard.asOf', { time: formatInstant(d.asOf) })}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        {SHOWN.map((s) => (
          <Col key={s} xs={12} sm={8} lg={4}>
            <Card size="small" loading={!d} data-state={s} hoverable onClick={() => setWho({ state: s })}>
              <Statistic
                title={stateLabel(s)}
                value={d?.total[s] ?? 0}
                suffix={d ? `/ ${d.total.employees}` : undefined}
                valueStyle={{ color: STATE_COLOURS[s] }}
              />
            </Card>
          </Col>
        ))}
        {d?.kiosks && (
          <Col xs={12} sm={8} lg={4}>
            <Card size="small">
              <Link to="/devices">
                <Statistic
                  title={t('workspace.dashboard.kiosks')}
                  value={d.kiosks.online}
                  suffix={`/ ${d.kiosks.total}`}
                />
              </Link>
            </Card>
          </Col>
        )}
        {d?.alerts && (
          <Col xs={12} sm={8} lg={4}>
            <Card size="small">
              <Link to="/alerts">
                <Statistic
                  title={t('workspace.dashboard.alerts')}
                  value={d.alerts.open}
                  valueStyle={{ color: d.alerts.open ? '#cf1322' : undefined }}
                />
              </Link>
            </Card>
          </Col>
        )}
        {d?.approvals && (
          <Col xs={12} sm={8} lg={4}>
            <Card size="small">
              <Link to="/attendance/approvals">
                <Statistic title={t('workspace.dashboard.approvals')} value={d.approvals.waiting} />
              </Link>
            </Card>
          </Col>
        )}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card title={t('workspace.dashboard.arrivals')} size="small">
            {d && d.arrivals.length === 0 ? (
              <Empty description={t('workspace.dashboard.arrivalsEmpty')} />
            ) : (
              chart && (
                <ReactECharts
                  key={i18n.language}
                  option={chart}
                  style={{ height: 260 }}
                  notMerge
                  opts={{ renderer: 'svg' }}
                />
              )
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={t('workspace.dashboard.livePunches')}
            size="small"
            extra={
              <Badge
                status={connected ? 'processing' : 'default'}
                text={<Link to="/punches/live">{t('workspace.dashboard.allPunches')}</Link>}
              />
            }
          >
            <List
              size="small"
              dataSource={punches}
              locale={{ emptyText: t('workspace.dashboard.noPunches') }}
              renderItem={(p) => (
                <List.Item key={p.key}>
                  <span>{formatInstant(p.at).slice(11)}</span>
                  <span>{p.who}</span>
                  {p.refused ? (
                    <Tag color="red">{t('punches.refused', { outcome: p.refused })}</Tag>
                  ) : (
                    <Tag color="green">
                      {p.direction ? t(`punches.direction.${p.direction}`) : t('punches.recorded')}
                    </Tag>
                  )}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Drawer
        open={who !== null}
        onClose={() => setWho(null)}
        title={who ? `${stateLabel(who.state)}${who.department ? ` · ${who.department}` : ''}` : ''}
      >
        {people.error && <LoadError error={people.error} onRetry={people.reload} />}
        <List
          size="small"
          loading={people.loading}
          dataSource={people.data ?? []}
          pagination={(people.data?.length ?? 0) > 50 ? { pageSize: 50, size: 'small' } : false}
          renderItem={(p) => (
            <List.Item data-person={p.id}>
              <List.Item.Meta
                title={
                  <Link to={`/employee-calendar?employeeId=${p.id}&month=${d?.date.slice(0, 7) ?? ''}`}>
                    {p.employeeNo} · {p.name}
                  </Link>
                }
                description={[p.department, p.scheduled, p.punches.length ? p.punches.join(', ') : null]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </List.Item>
          )}
        />
      </Drawer>
      <Card title={t('workspace.dashboard.byDepartment')} size="small" style={{ marginTop: 16 }}>
        <Table
          rowKey={(r) => String(r.id)}
          size="small"
          columns={columns}
          dataSource={d?.departments ?? []}
          loading={board.loading && !d}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </div>
  );
}
