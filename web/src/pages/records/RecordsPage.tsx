// Punch records: every punch in the reader's scope with filters (person, department, site, device, method,
// dates) and paging; the evidence crop for the roles allowed to see it (each view audited); links to the
// monthly grid and to an employee's calendar.
import { CalendarOutlined, TableOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Image,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { departmentOptions } from '../../components/departmentTree';
import { EmployeePicker } from '../../components/EmployeePicker';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useOrgRefs } from '../../components/useOrgRefs';
import { PUNCH_METHODS, type PunchLogItem } from './api';

interface Filters {
  employeeId?: number;
  departmentId?: number;
  siteId?: number;
  deviceId?: number;
  method?: string;
  range?: [Dayjs, Dayjs] | null;
}

export default function RecordsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { refs } = useOrgRefs();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const [evidence, setEvidence] = useState<number | null>(null);
  const devices = useLoad(
    () =>
      can('devices.read') ? api.get<{ id: number; name: string }[]>('/api/devices') : Promise.resolve([]),
    [],
  );
  const log = useLoad(
    () =>
      api.get<Paged<PunchLogItem>>('/api/records/punches', {
        employeeId: filters.employeeId,
        departmentId: filters.departmentId,
        siteId: filters.siteId,
        deviceId: filters.deviceId,
        method: filters.method,
        from: filters.range?.[0].format('YYYY-MM-DD'),
        to: filters.range?.[1].format('YYYY-MM-DD'),
        limit: page.pageSize,
        offset: (page.current - 1) * page.pageSize,
      }),
    [filters, page],
  );
  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };
  const methodLabel = (m: string) => t(`workspace.records.methods.${m}` as 'workspace.records.methods.face');

  const columns: ColumnsType<PunchLogItem> = [
    {
      title: t('workspace.records.at'),
      dataIndex: 'at',
      render: (v: string) => formatInstant(v),
      width: 170,
    },
    {
      title: t('workspace.records.employee'),
      key: 'employee',
      render: (_, r) => (
        <Link to={`/employee-calendar?employeeId=${r.employee.id}&month=${r.at.slice(0, 7)}`}>
          {r.employee.employeeNo} · {r.employee.name}
        </Link>
      ),
    },
    {
      title: t('workspace.records.department'),
      key: 'department',
      render: (_, r) => r.department?.name ?? '',
    },
    {
      title: t('workspace.records.direction'),
      dataIndex: 'direction',
      render: (d: 'in' | 'out' | null) => (d ? <Tag>{t(`punches.direction.${d}`)}</Tag> : null),
    },
    { title: t('workspace.records.method'), dataIndex: 'method', render: methodLabel },
    { title: t('workspace.records.site'), key: 'site', render: (_, r) => r.site?.name ?? '' },
    { title: t('workspace.records.device'), key: 'device', render: (_, r) => r.device?.name ?? '' },
    {
      title: t('workspace.records.flags'),
      dataIndex: 'flags',
      render: (f: string[]) => f.map((x) => <Tag key={x}>{x}</Tag>),
    },
    { title: t('workspace.records.note'), dataIndex: 'note' },
    ...(can('punches.evidence')
      ? [
          {
            title: t('workspace.records.evidence'),
            key: 'evidence',
            render: (_: unknown, r: PunchLogItem) =>
              r.hasEvidence ? (
                <Button size="small" onClick={() => setEvidence(r.id)}>
                  {t('workspace.records.viewEvidence')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card
      extra={
        <Space>
          <Link to="/attendance/grid">
            <Button icon={<TableOutlined />}>{t('workspace.records.monthGrid')}</Button>
          </Link>
          <Link to="/employee-calendar">
            <Button icon={<CalendarOutlined />}>{t('workspace.records.employeeCalendar')}</Button>
          </Link>
        </Space>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 220 }}>
          <EmployeePicker value={filters.employeeId} onChange={(v) => set({ employeeId: v ?? undefined })} />
        </div>
        <TreeSelect
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('workspace.records.department')}
          treeData={departmentOptions(refs.departments)}
          value={filters.departmentId}
          onChange={(v) => set({ departmentId: v ?? undefined })}
          treeDefaultExpandAll
        />
        <Select
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('workspace.records.site')}
          value={filters.siteId}
          onChange={(v) => set({ siteId: v })}
          options={refs.sites.map((s) => ({ value: s.id, label: s.name }))}
        />
        {can('devices.read') && (
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('workspace.records.device')}
            value={filters.deviceId}
            onChange={(v) => set({ deviceId: v })}
            options={(devices.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        )}
        <Select
          allowClear
          style={{ minWidth: 130 }}
          placeholder={t('workspace.records.method')}
          value={filters.method}
          onChange={(v) => set({ method: v })}
          options={PUNCH_METHODS.map((m) => ({ value: m, label: methodLabel(m) }))}
        />
        <DatePicker.RangePicker
          value={filters.range ?? null}
          onChange={(v) => set({ range: v?.[0] && v[1] ? [v[0], v[1]] : null })}
        />
      </Flex>
      {log.error && <LoadError error={log.error} onRetry={log.reload} />}
      <Table<PunchLogItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={log.data?.items ?? []}
        loading={log.loading}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: log.data?.total ?? 0,
          showTotal: (count) => t('workspace.records.total', { count }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
      />
      <Modal
        open={evidence !== null}
        onCancel={() => setEvidence(null)}
        footer={null}
        title={evidence !== null ? t('workspace.records.evidenceTitle', { id: evidence }) : ''}
        destroyOnHidden
      >
        {evidence !== null && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="info" showIcon message={t('workspace.records.evidenceAudited')} />
            <Image
              src={`/api/records/punches/${evidence}/evidence`}
              alt={t('workspace.records.evidenceTitle', { id: evidence })}
              preview={false}
              style={{ maxWidth: '100%' }}
            />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
