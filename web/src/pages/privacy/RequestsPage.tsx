// Privacy requests (个人信息请求): employees' correction and deletion requests; HR completes or rejects each with
// a resolution the employee sees, and may delete the face data when completing a deletion.
import { Button, Card, Checkbox, Form, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { type PrivacyRequest, privacyApi } from './api';

const STATUS_COLOURS = { pending: 'orange', completed: 'green', rejected: 'red' } as const;

export default function RequestsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const [status, setStatus] = useState<PrivacyRequest['status'] | 'all'>('pending');
  const { data, error, loading, reload } = useLoad(
    () => privacyApi.requests(status === 'all' ? undefined : status),
    [status],
  );
  const [deciding, setDeciding] = useState<PrivacyRequest | null>(null);
  const [form] = Form.useForm<{ resolution: string; deleteFaceData: boolean }>();
  const [busy, setBusy] = useState(false);

  const decide = async (decision: 'completed' | 'rejected') => {
    if (!deciding) return;
    const values = await form.validateFields();
    setBusy(true);
    try {
      await privacyApi.decide(deciding.id, {
        decision,
        resolution: values.resolution.trim(),
        deleteFaceData: decision === 'completed' ? values.deleteFaceData : undefined,
      });
      notify.ok(t('privacyCentre.requests.decided'));
      setDeciding(null);
      reload();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      extra={
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={[
            ...(['pending', 'completed', 'rejected'] as const).map((s) => ({
              value: s,
              label: t(`privacyCentre.requests.statuses.${s}`),
            })),
            { value: 'all', label: t('privacyCentre.records.allStates') },
          ]}
        />
      }
    >
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<PrivacyRequest>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            {
              title: t('privacyCentre.requests.employee'),
              key: 'employee',
              render: (_, r) =>
                r.employeeNo ? `${r.employeeNo} · ${r.employeeName ?? ''}` : `#${r.employeeId}`,
            },
            {
              title: t('privacyCentre.requests.kind'),
              dataIndex: 'kind',
              render: (k: PrivacyRequest['kind']) => t(`privacyCentre.requests.kinds.${k}`),
            },
            { title: t('privacyCentre.requests.details'), dataIndex: 'details' },
            {
              title: t('privacyCentre.requests.submitted'),
              key: 'submitted',
              render: (_, r) => `${formatInstant(r.createdAt)} · ${r.createdBy}`,
            },
            {
              title: t('privacyCentre.requests.status'),
              key: 'status',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Tag color={STATUS_COLOURS[r.status]}>
                    {t(`privacyCentre.requests.statuses.${r.status}`)}
                  </Tag>
                  {r.resolution && <span>{r.resolution}</span>}
                  {r.actions && (
                    <span>
                      {t('privacyCentre.requests.actions')}: {r.actions.templatesDeleted} /{' '}
                      {r.actions.evidenceCropsCleared}
                    </span>
                  )}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, r) =>
                r.status === 'pending' &&
                can('privacy.manage') && (
                  <Button
                    size="small"
                    onClick={() => {
                      form.resetFields();
                      setDeciding(r);
                    }}
                  >
                    {t('privacyCentre.requests.decide')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={deciding !== null}
        title={deciding ? `${t(`privacyCentre.requests.kinds.${deciding.kind}`)} · ${deciding.details}` : ''}
        onCancel={() => setDeciding(null)}
        footer={[
          <Button key="reject" danger loading={busy} onClick={() => decide('rejected')}>
            {t('privacyCentre.requests.reject')}
          </Button>,
          <Button key="complete" type="primary" loading={busy} onClick={() => decide('completed')}>
            {t('privacyCentre.requests.complete')}
          </Button>,
        ]}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ deleteFaceData: deciding?.kind === 'deletion' }}>
          <Form.Item
            name="resolution"
            label={t('privacyCentre.requests.resolution')}
            rules={[{ required: true, whitespace: true, max: 2000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          {deciding?.kind === 'deletion' && (
            <Form.Item name="deleteFaceData" valuePropName="checked">
              <Checkbox>{t('privacyCentre.requests.deleteFaceData')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
