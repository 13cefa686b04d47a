// One alert: what happened, the evidence (punches, refused attempts, scores, the evidence photo for allowed
// roles, each view audited), its history, and the status actions with a note.
import { Button, Descriptions, Drawer, Image, Input, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { AlertText } from './AlertText';
import { type AlertDetail, type AlertStatus, SEVERITY_COLOURS, STATUS_COLOURS } from './types';

async function fetchImage(url: string): Promise<string> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? res.statusText);
  }
  return URL.createObjectURL(await res.blob());
}

function EvidencePhoto({
  alertId,
  item,
}: {
  alertId: number;
  item: { punchId?: number; attemptId?: number };
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [src, setSrc] = useState<string | null>(null);
  const query = item.punchId ? `punchId=${item.punchId}` : `attemptId=${item.attemptId}`;
  if (src) return <Image src={src} width={96} alt="" />;
  return (
    <Button
      size="small"
      onClick={() => fetchImage(`/api/alerts/${alertId}/evidence?${query}`).then(setSrc, notify.fail)}
    >
      {t('alerts.detail.viewCrop')}
    </Button>
  );
}

const NEXT: Record<AlertStatus, AlertStatus[]> = {
  open: ['acknowledged', 'resolved', 'false_positive'],
  acknowledged: ['resolved', 'false_positive', 'open'],
  resolved: ['open'],
  false_positive: ['open'],
};

export function AlertDrawer({
  id,
  canManage,
  onClose,
  onChanged,
}: {
  id: number | null;
  canManage: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const detail = useLoad(
    () => (id === null ? Promise.resolve(undefined) : api.get<AlertDetail>(`/api/alerts/${id}`)),
    [id],
  );
  const a = detail.data;

  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      setNote('');
      notify.ok(t('alerts.detail.saved'));
      detail.reload();
      onChanged();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };
  const setStatus = (status: AlertStatus) => {
    if (status === 'false_positive' && !note.trim()) {
      notify.fail(new Error(t('alerts.detail.reasonRequired')));
      return;
    }
    void act(() =>
      api.post(`/api/alerts/${id}/status`, { status, ...(note.trim() ? { note: note.trim() } : {}) }),
    );
  };
  const label: Record<AlertStatus, string> = {
    acknowledged: t('alerts.detail.acknowledge'),
    resolved: t('alerts.detail.resolve'),
    false_positive: t('alerts.detail.falsePositive'),
    open: t('alerts.detail.reopen'),
  };

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={id !== null ? t('alerts.detail.title', { id }) : ''}
      destroyOnHidden
    >
      {detail.error && <LoadError error={detail.error} onRetry={detail.reload} />}
      {a && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('alerts.fields.kind')}>
              <AlertText alert={a} />
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.fields.severity')}>
              <Tag color={SEVERITY_COLOURS[a.severity]}>{t(`alerts.severity.${a.severity}`)}</Tag>
              <Tag color={STATUS_COLOURS[a.status]}>{t(`alerts.status.${a.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.fields.occurredAt')}>
              {formatInstant(a.occurredAt)}
            </Descriptions.Item>
            {a.employee && (
              <Descriptions.Item label={t('alerts.fields.employee')}>
                {a.employee.name} ({a.employee.employeeNo})
              </Descriptions.Item>
            )}
            {a.device && (
              <Descriptions.Item label={t('alerts.fields.device')}>{a.device.name}</Descriptions.Item>
            )}
            {a.site && <Descriptions.Item label={t('alerts.fields.site')}>{a.site.name}</Descriptions.Item>}
            {Object.keys(a.scores).length > 0 && (
              <Descriptions.Item label={t('alerts.detail.scores')}>
                {Object.entries(a.scores)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(' · ')}
              </Descriptions.Item>
            )}
          </Descriptions>

          {(a.punches.length > 0 || a.attempts.length > 0) && (
            <div>
              <Typography.Title level={5}>{t('alerts.detail.evidence')}</Typography.Title>
              {a.canViewEvidence && (
                <Typography.Paragraph type="secondary">{t('alerts.detail.cropAudited')}</Typography.Paragraph>
              )}
              {a.punches.length > 0 && (
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={a.punches}
                  title={() => t('alerts.detail.punches')}
                  columns={[
                    { title: t('alerts.fields.time'), dataIndex: 'at', render: formatInstant },
                    {
                      title: t('alerts.fields.employee'),
                      render: (_, p) => `${p.employee.name} (${p.employee.employeeNo})`,
                    },
                    { title: t('alerts.fields.site'), render: (_, p) => p.site ?? p.device ?? '' },
                    { title: t('alerts.fields.method'), dataIndex: 'method' },
                    {
                      title: t('alerts.fields.score'),
                      dataIndex: 'matchScore',
                      render: (v: number | null) => v?.toFixed(3) ?? '',
                    },
                    {
                      title: t('alerts.fields.margin'),
                      dataIndex: 'matchMargin',
                      render: (v: number | null) => v?.toFixed(3) ?? '',
                    },
                    {
                      title: '',
                      render: (_, p) =>
                        a.canViewEvidence && p.hasEvidence ? (
                          <EvidencePhoto alertId={a.id} item={{ punchId: p.id }} />
                        ) : null,
                    },
                  ]}
                />
              )}
              {a.attempts.length > 0 && (
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={a.attempts}
                  title={() => t('alerts.detail.attempts')}
                  columns={[
                    { title: t('alerts.fields.time'), dataIndex: 'at', render: formatInstant },
                    { title: t('alerts.fields.outcome'), dataIndex: 'outcome' },
                    { title: t('alerts.fields.device'), dataIndex: 'device' },
                    {
                      title: t('alerts.detail.scores'),
                      render: (_, r) =>
                        Object.entries(r.scores)
                          .map(([k, v]) => `${k}: ${typeof v === 'number' ? v.toFixed(3) : String(v)}`)
                          .join(' · '),
                    },
                    {
                      title: '',
                      render: (_, r) =>
                        a.canViewEvidence && r.hasEvidence ? (
                          <EvidencePhoto alertId={a.id} item={{ attemptId: r.id }} />
                        ) : null,
                    },
                  ]}
                />
              )}
            </div>
          )}

          <div>
            <Typography.Title level={5}>{t('alerts.detail.history')}</Typography.Title>
            <Timeline
              items={a.history.map((h) => ({
                children: (
                  <span>
                    {formatInstant(h.at)} · {h.actorName} ·{' '}
                    {t(`alerts.detail.actions.${h.action as 'opened'}`)}
                    {h.status && ` → ${t(`alerts.status.${h.status as AlertStatus}`)}`}
                    {h.note && <Typography.Paragraph style={{ margin: 0 }}>{h.note}</Typography.Paragraph>}
                  </span>
                ),
              }))}
            />
          </div>

          {canManage && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                rows={2}
                value={note}
                maxLength={2000}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('alerts.detail.notePlaceholder')}
              />
              <Space wrap>
                {NEXT[a.status].map((s) => (
                  <Button
                    key={s}
                    loading={busy}
                    type={s === 'resolved' ? 'primary' : 'default'}
                    onClick={() => setStatus(s)}
                  >
                    {label[s]}
                  </Button>
                ))}
                <Button
                  loading={busy}
                  disabled={!note.trim()}
                  onClick={() => act(() => api.post(`/api/alerts/${id}/notes`, { note: note.trim() }))}
                >
                  {t('alerts.detail.addNote')}
                </Button>
              </Space>
            </Space>
          )}
        </Space>
      )}
    </Drawer>
  );
}
