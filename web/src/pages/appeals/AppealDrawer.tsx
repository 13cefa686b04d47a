// One appeal: what it is about, the day as it stands, attachments, the history of each step; deciders uphold or
// overturn it (with the correction at the last step), the employee may withdraw it while pending.
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import type { AppealDetail } from '../assessment/api';

export const statusColor: Record<string, string> = {
  pending: 'processing',
  upheld: 'default',
  overturned: 'success',
  withdrawn: 'default',
};

/** An instant in the browser's zone, 'YYYY-MM-DD HH:mm'. */
const localTime = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

type CorrectionKind = 'punch' | 'request' | 'adjustment' | 'none';

export function AppealDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const appeal = useLoad(() => api.get<AppealDetail>(`/api/appeals/${id}`), [id]);
  const [decision, setDecision] = useState<'uphold' | 'overturn'>('overturn');
  const [kind, setKind] = useState<CorrectionKind>('punch');
  const [comment, setComment] = useState('');
  const [time, setTime] = useState('09:00');
  const [yuanAmount, setYuanAmount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const a = appeal.data;
  const lastStep = a ? a.chain.indexOf(a.currentStep ?? 'hr') === a.chain.length - 1 : false;

  const correction = () => {
    if (!a) return undefined;
    const date = a.date ?? `${a.month}-01`;
    if (kind === 'punch') return { kind, at: `${date}T${time}:00+08:00`, note: comment || undefined };
    if (kind === 'request')
      return {
        kind,
        request: { kind: 'fieldWork', startDate: date, endDate: date },
        note: comment || undefined,
      };
    if (kind === 'adjustment') return { kind, amountFen: Math.round((yuanAmount ?? 0) * 100), note: comment };
    return { kind: 'none' as const, note: comment || undefined };
  };

  const decide = async () => {
    setBusy(true);
    try {
      await api.post(`/api/appeals/${id}/decide`, {
        decision,
        comment: comment || undefined,
        correction: decision === 'overturn' && lastStep ? correction() : undefined,
      });
      notify.ok(t('assessment.appeal.decided'));
      appeal.reload();
      onChanged();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    try {
      await api.post(`/api/appeals/${id}/withdraw`, {});
      appeal.reload();
      onChanged();
    } catch (err) {
      notify.fail(err);
    }
  };

  return (
    <Drawer open size="large" title={`#${id}`} onClose={onClose}>
      {appeal.error && <LoadError error={appeal.error} onRetry={appeal.reload} />}
      {a && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item
              label={t('assessment.fields.employee')}
            >{`${a.employeeNo} · ${a.employeeName}`}</Descriptions.Item>
            <Descriptions.Item label={t('assessment.appeal.target')}>
              {`${t(`assessment.appeal.targets.${a.target}`)} · ${a.date ?? a.month}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('assessment.appeal.reason')}>{a.reason}</Descriptions.Item>
            <Descriptions.Item label={t('assessment.appeal.state')}>
              <Tag color={statusColor[a.status]} data-testid="appeal-status">
                {t(`assessment.appeal.status.${a.status}`)}
              </Tag>
              {a.currentStep && <Tag>{t(`assessment.appeal.stepNames.${a.currentStep}`)}</Tag>}
              {a.dueAt && (
                <Typography.Text type="secondary">{`${t('assessment.appeal.due')} ${localTime(a.dueAt)}`}</Typography.Text>
              )}
            </Descriptions.Item>
            {a.attachments.length > 0 && (
              <Descriptions.Item label={t('assessment.appeal.files')}>
                <Space wrap>
                  {a.attachments.map((f) => (
                    <a key={f.id} href={`/api/appeals/attachments/${f.id}`}>
                      {f.fileName}
                    </a>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>
          {a.day && (
            <Alert
              type="info"
              title={t('assessment.appeal.day', {
                statuses: a.day.statuses
                  .map((x) => t(`attendance.status.${x as 'late'}`, { defaultValue: x }))
                  .join(', '),
                late: a.day.lateMinutes,
                early: a.day.earlyLeaveMinutes,
                missing: a.day.missingPunches,
              })}
            />
          )}
          <div>
            <Typography.Title level={5}>{t('assessment.appeal.history')}</Typography.Title>
            <Timeline
              items={a.events.map((e) => ({
                content: (
                  <span>
                    <Typography.Text type="secondary">{`${localTime(e.at)} `}</Typography.Text>
                    {`${e.actor} ${t(`assessment.appeal.actions.${e.action as 'submitted'}`, { defaultValue: e.action })}`}
                    {e.comment && <Typography.Text italic>{` — ${e.comment}`}</Typography.Text>}
                  </span>
                ),
              }))}
            />
          </div>
          {a.canDecide && (
            <Form layout="vertical">
              <Form.Item label={t('assessment.appeal.decide')}>
                <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value)}>
                  <Radio value="overturn">{t('assessment.appeal.overturn')}</Radio>
                  <Radio value="uphold">{t('assessment.appeal.uphold')}</Radio>
                </Radio.Group>
              </Form.Item>
              {decision === 'overturn' && lastStep && (
                <Form.Item label={t('assessment.appeal.correction')}>
                  <Space orientation="vertical">
                    <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)}>
                      {(['punch', 'request', 'adjustment', 'none'] as const)
                        .filter((k) => a.target === 'day' || k === 'adjustment' || k === 'none')
                        .map((k) => (
                          <Radio key={k} value={k}>
                            {t(`assessment.appeal.corrections.${k}`)}
                          </Radio>
                        ))}
                    </Radio.Group>
                    {kind === 'punch' && (
                      <Input
                        type="time"
                        value={time}
                        onChange={(e) => setTime(e.target.value)}
                        addonBefore={t('assessment.appeal.punchAt')}
                        style={{ width: 240 }}
                      />
                    )}
                    {kind === 'adjustment' && (
                      <InputNumber
                        value={yuanAmount}
                        onChange={setYuanAmount}
                        step={1}
                        addonBefore={t('assessment.appeal.amountYuan')}
                      />
                    )}
                  </Space>
                </Form.Item>
              )}
              <Form.Item label={t('assessment.appeal.comment')}>
                <Input.TextArea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
              </Form.Item>
              <Button type="primary" loading={busy} onClick={decide}>
                {t('assessment.appeal.decide')}
              </Button>
            </Form>
          )}
          {a.canWithdraw && (
            <Popconfirm title={t('assessment.appeal.withdrawConfirm')} onConfirm={withdraw}>
              <Button danger>{t('assessment.appeal.withdraw')}</Button>
            </Popconfirm>
          )}
        </Space>
      )}
    </Drawer>
  );
}
