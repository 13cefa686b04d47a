// One request: what was asked, its approval chain and history, comments and attachments; approve, reject or
// cancel where the caller may.
import { Button, Descriptions, Drawer, Input, List, Space, Steps, Tag, Timeline, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import type { RequestDetail } from './api';

export function RequestDrawer({
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
  const r = useLoad(() => api.get<RequestDetail>(`/api/attendance/requests/${id}`), [id]);
  const [comment, setComment] = useState('');
  const act = async (action: 'approve' | 'reject' | 'cancel' | 'comments') => {
    try {
      await api.post(
        `/api/attendance/requests/${id}/${action}`,
        action === 'comments' ? { text: comment } : { comment },
      );
      setComment('');
      r.reload();
      onChanged();
    } catch (err) {
      notify.fail(err);
    }
  };
  const d = r.data;
  const when = d
    ? d.at
      ? formatInstant(d.at)
      : d.startAt
        ? `${formatInstant(d.startAt)} – ${formatInstant(d.endAt)}`
        : `${d.startDate}${d.startHalf === 'pm' ? ` ${t('attendance.requests.fromAfternoon')}` : ''} – ${d.endDate}${d.endHalf === 'am' ? ` ${t('attendance.requests.untilNoon')}` : ''}`
    : '';
  return (
    <Drawer
      open
      width={560}
      onClose={onClose}
      title={d ? `#${d.id} ${t(`attendance.requests.kinds.${d.kind}`)}` : ''}
      loading={r.loading}
    >
      {r.error && <LoadError error={r.error} onRetry={r.reload} />}
      {d && (
        <>
          <Descriptions size="small" column={1}>
            <Descriptions.Item
              label={t('attendance.grid.employee')}
            >{`${d.employeeNo} · ${d.employeeName}`}</Descriptions.Item>
            <Descriptions.Item label={t('attendance.requests.status')}>
              <Tag>{t(`attendance.requests.statuses.${d.status}`)}</Tag>
            </Descriptions.Item>
            {d.leaveType && (
              <Descriptions.Item label={t('attendance.requests.leaveType')}>{d.leaveType}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('attendance.requests.when')}>{when}</Descriptions.Item>
            {d.amount !== null && (
              <Descriptions.Item label={t('attendance.requests.amount')}>{d.amount}</Descriptions.Item>
            )}
            {d.reason && (
              <Descriptions.Item label={t('attendance.requests.reason')}>{d.reason}</Descriptions.Item>
            )}
          </Descriptions>
          {d.chain.length > 0 && (
            <Steps
              size="small"
              style={{ margin: '16px 0' }}
              current={d.status === 'approved' ? d.chain.length : d.step}
              status={d.status === 'rejected' ? 'error' : undefined}
              items={d.chain.map((s) => ({ title: t(`attendance.requests.steps.${s}`) }))}
            />
          )}
          <Timeline
            items={d.events.map((e) => ({
              content: (
                <>
                  {formatInstant(e.at)} · {e.actor} ·{' '}
                  {t(`attendance.requests.events.${e.action}` as 'attendance.requests.events.submitted')}
                  {e.comment ? `: ${e.comment}` : ''}
                </>
              ),
            }))}
          />
          <List
            size="small"
            header={t('attendance.requests.attach')}
            dataSource={d.attachments}
            renderItem={(a) => (
              <List.Item>
                <a href={`/api/attendance/attachments/${a.id}`}>{a.fileName}</a> ({Math.ceil(a.size / 1024)}{' '}
                KB)
              </List.Item>
            )}
          />
          <Input.TextArea
            rows={2}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('attendance.requests.comment')}
            style={{ margin: '12px 0' }}
          />
          <Space wrap>
            {d.canDecide && (
              <>
                <Button type="primary" onClick={() => act('approve')}>
                  {t('attendance.requests.approve')}
                </Button>
                <Button danger onClick={() => act('reject')}>
                  {t('attendance.requests.reject')}
                </Button>
              </>
            )}
            {d.canCancel && <Button onClick={() => act('cancel')}>{t('attendance.requests.cancel')}</Button>}
            <Button disabled={!comment.trim()} onClick={() => act('comments')}>
              {t('attendance.requests.comment')}
            </Button>
            <Upload
              showUploadList={false}
              beforeUpload={async (file) => {
                try {
                  await api.upload(`/api/attendance/requests/${id}/attachments`, file);
                  r.reload();
                } catch (err) {
                  notify.fail(err);
                }
                return false;
              }}
            >
              <Button>{t('attendance.requests.attach')}</Button>
            </Upload>
          </Space>
        </>
      )}
    </Drawer>
  );
}
