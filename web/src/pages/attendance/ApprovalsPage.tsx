// The approval inbox: requests waiting for a step the caller decides; approve or reject several at once.
import { Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Paged } from '../../api/types';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import type { AttendanceRequest } from './api';
import { RequestDrawer } from './RequestDrawer';

export default function ApprovalsPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const inbox = useLoad(() => api.get<Paged<AttendanceRequest>>('/api/attendance/approvals'), []);
  const [selected, setSelected] = useState<number[]>([]);
  const [comment, setComment] = useState('');
  const [open, setOpen] = useState<number | null>(null);

  const decide = async (decision: 'approve' | 'reject') => {
    try {
      const r = await api.post<{ results: { id: number; ok: boolean; message?: string }[] }>(
        '/api/attendance/approvals/bulk',
        {
          ids: selected,
          decision,
          comment: comment || undefined,
        },
      );
      const failed = r.results.filter((x) => !x.ok);
      if (failed.length) notify.fail(new Error(failed.map((f) => `#${f.id}: ${f.message}`).join('; ')));
      else notify.ok(t('attendance.saved'));
      setSelected([]);
      inbox.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  return (
    <Card>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input
          style={{ width: 280 }}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('attendance.requests.comment')}
        />
        <Button type="primary" disabled={!selected.length} onClick={() => decide('approve')}>
          {`${t('attendance.requests.approve')} (${selected.length})`}
        </Button>
        <Button danger disabled={!selected.length} onClick={() => decide('reject')}>
          {`${t('attendance.requests.reject')} (${selected.length})`}
        </Button>
      </Space>
      {inbox.error && <LoadError error={inbox.error} onRetry={inbox.reload} />}
      <Table<AttendanceRequest>
        rowKey="id"
        loading={inbox.loading}
        dataSource={inbox.data?.items ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
        columns={[
          {
            title: '#',
            dataIndex: 'id',
            width: 70,
            render: (id: number) => (
              <Button type="link" onClick={() => setOpen(id)}>
                {id}
              </Button>
            ),
          },
          { title: t('attendance.grid.employee'), render: (_, r) => `${r.employeeNo} · ${r.employeeName}` },
          {
            title: t('attendance.requests.kind'),
            render: (_, r) =>
              `${t(`attendance.requests.kinds.${r.kind}`)}${r.leaveType ? ` · ${r.leaveType}` : ''}`,
          },
          {
            title: t('attendance.requests.when'),
            render: (_, r) => (r.startDate === r.endDate ? r.startDate : `${r.startDate} – ${r.endDate}`),
          },
          {
            title: t('attendance.approvals.step'),
            render: (_, r) => r.currentStep && <Tag>{t(`attendance.requests.steps.${r.currentStep}`)}</Tag>,
          },
          { title: t('attendance.requests.reason'), dataIndex: 'reason' },
        ]}
      />
      {open && <RequestDrawer id={open} onClose={() => setOpen(null)} onChanged={() => inbox.reload()} />}
    </Card>
  );
}
