// Appeals for deciders (managers: their departments; HR): those waiting for my step, or all.
import { Button, Card, Segmented, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged } from '../../api/types';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import type { Appeal } from '../assessment/api';
import { AppealDrawer, statusColor } from './AppealDrawer';

export default function AppealsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<'toDecide' | 'all'>('toDecide');
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    const id = Number(params.get('id'));
    if (id) setOpen(id);
  }, [params]);
  const list = useLoad(
    () =>
      api.get<Paged<Appeal>>('/api/appeals', {
        toDecide: filter === 'toDecide' ? true : undefined,
        limit: 500,
      }),
    [filter],
  );
  return (
    <Card>
      <Segmented
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={(v) => setFilter(v as 'toDecide' | 'all')}
        options={[
          { value: 'toDecide', label: t('assessment.appeal.toDecide') },
          { value: 'all', label: t('assessment.appeal.all') },
        ]}
      />
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <AppealTable items={list.data?.items ?? []} loading={list.loading} onOpen={setOpen} showEmployee />
      {open && <AppealDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />}
    </Card>
  );
}

export function AppealTable({
  items,
  loading,
  onOpen,
  showEmployee,
}: {
  items: Appeal[];
  loading: boolean;
  onOpen: (id: number) => void;
  showEmployee?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<Appeal>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: t('assessment.appeal.empty') }}
      scroll={{ x: 600 }}
      columns={[
        {
          title: '#',
          dataIndex: 'id',
          width: 70,
          render: (id: number) => (
            <Button type="link" onClick={() => onOpen(id)}>
              {id}
            </Button>
          ),
        },
        ...(showEmployee
          ? [
              {
                title: t('assessment.fields.employee'),
                render: (_: unknown, r: Appeal) => `${r.employeeNo} · ${r.employeeName}`,
              },
            ]
          : []),
        {
          title: t('assessment.appeal.target'),
          render: (_, r) => `${t(`assessment.appeal.targets.${r.target}`)} · ${r.date ?? r.month}`,
        },
        { title: t('assessment.appeal.reason'), dataIndex: 'reason', ellipsis: true },
        {
          title: t('assessment.appeal.state'),
          render: (_, r) => (
            <>
              <Tag color={statusColor[r.status]}>{t(`assessment.appeal.status.${r.status}`)}</Tag>
              {r.currentStep && <Tag>{t(`assessment.appeal.stepNames.${r.currentStep}`)}</Tag>}
            </>
          ),
        },
      ]}
    />
  );
}
