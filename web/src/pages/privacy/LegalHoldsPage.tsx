// Legal holds (诉讼保留): employees whose data the retention purge must leave alone, with the reason; placing and
// releasing one is audited.
import { Button, Card, Checkbox, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { EmployeePicker } from '../../components/EmployeePicker';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { type LegalHold, privacyApi } from './api';

export default function LegalHoldsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const manage = can('privacy.manage');
  const [showReleased, setShowReleased] = useState(false);
  const { data, error, loading, reload } = useLoad(() => privacyApi.holds(showReleased), [showReleased]);
  const [form] = Form.useForm<{ employeeId: number; reason: string }>();
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      notify.ok(done);
      reload();
      return true;
    } catch (err) {
      notify.fail(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {manage && (
        <Card title={t('privacyCentre.holds.place')}>
          <Form
            form={form}
            layout="inline"
            disabled={busy}
            onFinish={async (v) => {
              if (
                await act(
                  () => privacyApi.placeHold(v.employeeId, v.reason.trim()),
                  t('privacyCentre.holds.placed'),
                )
              )
                form.resetFields();
            }}
          >
            <Form.Item
              name="employeeId"
              label={t('privacyCentre.holds.employee')}
              rules={[{ required: true }]}
            >
              <EmployeePicker />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('privacyCentre.holds.reason')}
              rules={[{ required: true, whitespace: true, max: 500 }]}
            >
              <Input style={{ width: 320 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('privacyCentre.holds.place')}
            </Button>
          </Form>
        </Card>
      )}
      <Card
        extra={
          <Checkbox checked={showReleased} onChange={(e) => setShowReleased(e.target.checked)}>
            {t('privacyCentre.holds.showReleased')}
          </Checkbox>
        }
      >
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<LegalHold>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data ?? []}
            pagination={false}
            columns={[
              {
                title: t('privacyCentre.holds.employee'),
                key: 'e',
                render: (_, h) => `${h.employeeNo} · ${h.employeeName}`,
              },
              { title: t('privacyCentre.holds.reason'), dataIndex: 'reason' },
              {
                title: t('privacyCentre.holds.placedAt'),
                dataIndex: 'createdAt',
                render: (v: string) => formatInstant(v),
              },
              { title: t('privacyCentre.holds.placedBy'), dataIndex: 'createdBy' },
              {
                title: t('privacyCentre.holds.releasedAt'),
                key: 'released',
                render: (_, h) =>
                  h.active ? (
                    <Tag color="orange">{t('privacyCentre.holds.active')}</Tag>
                  ) : (
                    `${formatInstant(h.releasedAt)} · ${h.releasedBy ?? ''}`
                  ),
              },
              ...(manage
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      render: (_: unknown, h: LegalHold) =>
                        h.active && (
                          <Popconfirm
                            title={t('privacyCentre.holds.releaseConfirm')}
                            onConfirm={() =>
                              act(() => privacyApi.releaseHold(h.id), t('privacyCentre.holds.released'))
                            }
                          >
                            <Button size="small">{t('privacyCentre.holds.release')}</Button>
                          </Popconfirm>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
