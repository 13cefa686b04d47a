// The month cycle for HR: compute → review → publish (公示) → close; each employee's result, their statement,
// and the exports for performance reviews and payroll.
import {
  Alert,
  Button,
  Card,
  Drawer,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import {
  type Cycle,
  type CycleStatus,
  percent,
  type ResultRow,
  recentMonths,
  type Statement,
  yuan,
} from './api';
import { StatementView } from './StatementView';

interface TaskState {
  id: number;
  status: string;
  percent: number | null;
  error: string | null;
}

const ORDER: CycleStatus[] = ['open', 'computed', 'reviewed', 'published', 'closed'];

export default function CyclePage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { can } = useAuth();
  const months = recentMonths();
  const [month, setMonth] = useState(months[0]);
  const [busy, setBusy] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const results = useLoad(
    () =>
      api.get<{ cycle: Cycle; total: number; items: ResultRow[] }>('/api/assessment/results', {
        month,
        limit: 1000,
      }),
    [month],
  );
  const statement = useLoad(
    () =>
      open === null
        ? Promise.resolve(null)
        : api.get<Statement>('/api/assessment/statement', { month, employeeId: open }),
    [open, month],
  );
  const cycle = results.data?.cycle;
  const manage = can('assessment.manage');

  const [task, setTask] = useState<TaskState | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  // A large month is computed as a background task: follow its progress, then reload.
  const follow = (id: number) => {
    timer.current = setTimeout(async () => {
      try {
        const next = await api.get<TaskState>(`/api/tasks/${id}`);
        setTask(next);
        if (next.status === 'queued' || next.status === 'running') return follow(id);
        if (next.status === 'done') notify.ok(t('assessment.done'));
        else notify.fail(new Error(next.error ?? next.status));
        setTask(null);
        setBusy(false);
        results.reload();
      } catch (err) {
        notify.fail(err);
        setBusy(false);
      }
    }, 500);
  };

  const act = async (action: 'compute' | 'review' | 'publish' | 'close') => {
    setBusy(true);
    try {
      const out = await api.post<Cycle & { task?: TaskState }>(`/api/assessment/${action}`, { month });
      if (out.task) {
        setTask(out.task);
        follow(out.task.id);
        return;
      }
      notify.ok(t('assessment.done'));
      results.reload();
    } catch (err) {
      notify.fail(err);
    }
    setBusy(false);
  };
  const current = cycle ? ORDER.indexOf(cycle.status) : 0;
  const action = (key: 'compute' | 'review' | 'publish' | 'close', enabled: boolean, confirm?: string) => {
    const button = (
      <Button
        type="primary"
        disabled={!manage || !enabled}
        loading={busy}
        onClick={confirm ? undefined : () => act(key)}
      >
        {t(`assessment.steps.${key}`)}
      </Button>
    );
    return confirm && enabled && manage ? (
      <Popconfirm title={confirm} onConfirm={() => act(key)}>
        {button}
      </Popconfirm>
    ) : (
      button
    );
  };

  return (
    <Card>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <span>{t('assessment.month')}</span>
        <Select
          style={{ width: 140 }}
          value={month}
          onChange={setMonth}
          options={months.map((m) => ({ value: m, label: m }))}
        />
        {cycle && (
          <Tag color={cycle.status === 'published' ? 'green' : undefined}>
            {t(`assessment.status.${cycle.status}`)}
          </Tag>
        )}
        {cycle?.appealUntil && <span>{t('assessment.appealUntil', { date: cycle.appealUntil })}</span>}
      </Flex>
      <Steps
        size="small"
        current={Math.max(0, current - 1)}
        style={{ marginBottom: 16 }}
        items={(['compute', 'review', 'publish', 'close'] as const).map((k, i) => ({
          title: t(`assessment.steps.${k}`),
          status: current > i ? 'finish' : current === i ? 'process' : 'wait',
        }))}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        {action('compute', current <= 2, current >= 1 ? t('assessment.confirm.compute') : undefined)}
        {action('review', cycle?.status === 'computed')}
        {action('publish', cycle?.status === 'reviewed', t('assessment.confirm.publish'))}
        {action('close', cycle?.status === 'published', t('assessment.confirm.close'))}
        {cycle?.status === 'closed' && manage && (
          <Button onClick={() => setReopening(true)}>{t('assessment.steps.reopen')}</Button>
        )}
        <Button
          href={withQuery('/api/assessment/export', { month, kind: 'assessment', format: 'xlsx' })}
          disabled={!results.data?.total}
        >
          {t('assessment.export.assessment')}
        </Button>
        <Button
          href={withQuery('/api/assessment/export', { month, kind: 'ledger', format: 'xlsx' })}
          disabled={!results.data?.total}
        >
          {t('assessment.export.ledger')}
        </Button>
        <Button
          href={withQuery('/api/assessment/export', { month, kind: 'ledger', format: 'csv' })}
          disabled={!results.data?.total}
        >
          {t('assessment.export.ledgerCsv')}
        </Button>
      </Space>
      {task && (
        <div data-testid="compute-progress" style={{ marginBottom: 12 }}>
          {t('assessment.computing')}
          <Progress percent={task.percent ?? 0} status="active" />
        </div>
      )}
      {cycle && cycle.pendingAppeals > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('assessment.pendingAppeals', { count: cycle.pendingAppeals })}
        />
      )}
      {results.error && <LoadError error={results.error} onRetry={results.reload} />}
      <Table<ResultRow>
        rowKey="employeeId"
        size="small"
        loading={results.loading}
        dataSource={results.data?.items ?? []}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('assessment.fields.employee'),
            render: (_, r) => (
              <Button type="link" onClick={() => setOpen(r.employeeId)}>
                {`${r.employeeNo} · ${r.name}`}
              </Button>
            ),
          },
          { title: t('assessment.fields.department'), dataIndex: 'departmentName' },
          { title: t('assessment.fields.attendanceRate'), render: (_, r) => percent(r.attendanceRate) },
          { title: t('assessment.fields.late'), render: (_, r) => `${r.lateCount} / ${r.lateMinutes}′` },
          {
            title: t('assessment.fields.earlyLeave'),
            render: (_, r) => `${r.earlyLeaveCount} / ${r.earlyLeaveMinutes}′`,
          },
          { title: t('assessment.fields.absent'), dataIndex: 'absentDays' },
          { title: t('assessment.fields.missing'), dataIndex: 'missingPunches' },
          { title: t('assessment.fields.leaveDays'), dataIndex: 'leaveDays' },
          { title: t('assessment.fields.score'), dataIndex: 'score', sorter: (a, b) => a.score - b.score },
          {
            title: t('assessment.fields.total'),
            dataIndex: 'totalFen',
            align: 'right',
            sorter: (a, b) => a.totalFen - b.totalFen,
            render: (f: number) => (
              <Typography.Text type={f < 0 ? 'danger' : undefined}>{yuan(f)}</Typography.Text>
            ),
          },
          { title: t('assessment.fields.version'), dataIndex: 'version', width: 70 },
        ]}
      />
      <Modal
        open={reopening}
        title={t('assessment.steps.reopen')}
        okButtonProps={{ disabled: !reason.trim() }}
        onCancel={() => setReopening(false)}
        onOk={async () => {
          try {
            await api.post('/api/assessment/reopen', { month, reason });
            setReopening(false);
            setReason('');
            notify.ok(t('assessment.done'));
            results.reload();
          } catch (err) {
            notify.fail(err);
          }
        }}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('assessment.reopenReason')}
        />
      </Modal>
      <Drawer
        open={open !== null}
        size="large"
        title={t('assessment.statement.title', { month })}
        onClose={() => setOpen(null)}
      >
        {statement.error && <LoadError error={statement.error} />}
        {statement.data && <StatementView s={statement.data} />}
      </Drawer>
    </Card>
  );
}
