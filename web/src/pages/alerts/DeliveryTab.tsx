// Delivery: whether SMTP is set, a test e-mail, and the outbox with every try, retried with back-off.
import { Alert, Button, Input, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';

interface Status {
  smtpConfigured: boolean;
  smtpFrom: string;
  emailsPending: number;
  emailsFailed: number;
  webhooksPending: number;
  webhooksFailed: number;
}

interface Entry {
  id: number;
  channel: 'email' | 'webhook';
  channelName: string | null;
  summary: string;
  recipients: string[];
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveries: { at: string; ok: boolean; detail: string | null; durationMs: number }[];
}

const COLOURS = { pending: 'gold', sent: 'green', failed: 'red' } as const;

export function DeliveryTab() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [filter, setFilter] = useState<'all' | Entry['status']>('all');
  const [to, setTo] = useState('');
  const status = useLoad(() => api.get<Status>('/api/notify/status'), []);
  const outbox = useLoad(
    () =>
      api.get<{ total: number; items: Entry[] }>('/api/notify/outbox', {
        status: filter === 'all' ? undefined : filter,
        limit: 100,
      }),
    [filter],
  );
  const reload = () => {
    status.reload();
    outbox.reload();
  };
  const retry = async (e: Entry) => {
    try {
      await api.post(`/api/notify/outbox/${e.id}/retry`);
      reload();
    } catch (err) {
      notify.fail(err);
    }
  };
  const testEmail = async () => {
    try {
      await api.post('/api/notify/test-email', { to });
      notify.ok(t('alerts.delivery.queued'));
      reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {status.data && (
        <Alert
          type={status.data.smtpConfigured ? 'success' : 'warning'}
          showIcon
          message={
            status.data.smtpConfigured
              ? t('alerts.delivery.smtpOn', { from: status.data.smtpFrom })
              : t('alerts.delivery.smtpOff')
          }
          description={`${t('alerts.delivery.pending')}: ${status.data.emailsPending + status.data.webhooksPending} · ${t('alerts.delivery.failed')}: ${status.data.emailsFailed + status.data.webhooksFailed}`}
        />
      )}
      <Space.Compact>
        <Input
          style={{ width: 280 }}
          placeholder={t('alerts.delivery.testEmailTo')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <Button onClick={testEmail} disabled={!to.includes('@')}>
          {t('alerts.delivery.testEmail')}
        </Button>
      </Space.Compact>
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        options={[
          { value: 'all', label: t('alerts.filters.allStatuses') },
          { value: 'pending', label: t('alerts.delivery.pending') },
          { value: 'failed', label: t('alerts.delivery.failed') },
          { value: 'sent', label: t('alerts.delivery.sent') },
        ]}
      />
      {outbox.error && <LoadError error={outbox.error} onRetry={outbox.reload} />}
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={outbox.loading}
        dataSource={outbox.data?.items ?? []}
        expandable={{
          expandedRowRender: (e) => (
            <Table
              rowKey="at"
              size="small"
              pagination={false}
              dataSource={e.deliveries}
              columns={[
                { title: t('alerts.fields.time'), dataIndex: 'at', render: formatInstant },
                {
                  title: '',
                  dataIndex: 'ok',
                  render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{ok ? '✓' : '✗'}</Tag>,
                },
                { title: t('alerts.delivery.lastError'), dataIndex: 'detail' },
                { title: 'ms', dataIndex: 'durationMs' },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('alerts.fields.time'), dataIndex: 'createdAt', render: formatInstant, width: 170 },
          {
            title: t('alerts.delivery.channel'),
            render: (_, e) => (e.channel === 'email' ? e.recipients.join(', ') : (e.channelName ?? '—')),
          },
          { title: t('alerts.delivery.summary'), dataIndex: 'summary', ellipsis: true },
          {
            title: t('alerts.fields.status'),
            dataIndex: 'status',
            render: (s: Entry['status'], e) => (
              <Tooltip title={e.lastError ?? undefined}>
                <Tag color={COLOURS[s]}>{t(`alerts.delivery.${s}`)}</Tag>
              </Tooltip>
            ),
          },
          { title: t('alerts.delivery.attempts'), dataIndex: 'attempts', width: 80 },
          { title: t('alerts.delivery.nextAttempt'), dataIndex: 'nextAttemptAt', render: formatInstant },
          {
            title: '',
            render: (_, e) =>
              e.status !== 'sent' ? (
                <Button size="small" onClick={() => retry(e)}>
                  {t('alerts.delivery.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
