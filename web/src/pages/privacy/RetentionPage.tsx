// Retention and purge (保存期限与清理): the retention settings, what a purge would remove now, running it, and
// the report of every purge run.
import { Alert, Button, Card, Descriptions, Form, InputNumber, Popconfirm, Space, Switch, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { PURGE_KINDS, type PurgeCounts, type PurgeReport, privacyApi, type Retention } from './api';

export default function RetentionPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const manage = can('privacy.manage');
  const [form] = Form.useForm<Retention>();
  const settings = useLoad(() => privacyApi.retention(), []);
  const [page, setPage] = useState(1);
  const reports = useLoad(() => privacyApi.reports({ limit: 10, offset: (page - 1) * 10 }), [page]);
  const [preview, setPreview] = useState<{ counts: PurgeCounts; heldEmployees: number } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.error) return <LoadError error={settings.error} onRetry={settings.reload} />;

  const run = async <T,>(work: () => Promise<T>, done: (value: T) => void) => {
    setBusy(true);
    try {
      done(await work());
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const counts = (c: PurgeCounts) => (
    <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
      {PURGE_KINDS.map((k) => (
        <Descriptions.Item key={k} label={t(`privacyCentre.retention.counts.${k}`)}>
          {c[k]}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('privacyCentre.retention.settings')} loading={settings.loading}>
        <Form
          form={form}
          layout="vertical"
          disabled={!manage || busy}
          onFinish={(values) =>
            run(
              () => privacyApi.updateRetention(values),
              () => {
                notify.ok(t('privacyCentre.retention.saved'));
                settings.reload();
              },
            )
          }
          style={{ maxWidth: 480 }}
        >
          <Form.Item
            name="evidenceDays"
            label={t('privacyCentre.retention.evidenceDays')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={3650} precision={0} />
          </Form.Item>
          <Form.Item
            name="templateDaysAfterTermination"
            label={t('privacyCentre.retention.templateDaysAfterTermination')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={3650} precision={0} />
          </Form.Item>
          <Form.Item
            name="recordYears"
            label={t('privacyCentre.retention.recordYears')}
            rules={[{ required: true }]}
          >
            <InputNumber min={2} max={30} precision={0} />
          </Form.Item>
          <Form.Item
            name="keepEnrollmentPhotos"
            label={t('privacyCentre.retention.keepEnrollmentPhotos')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          {manage && (
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('privacyCentre.retention.save')}
            </Button>
          )}
        </Form>
      </Card>

      <Card
        title={t('privacyCentre.retention.preview')}
        extra={
          <Space>
            <Button onClick={() => run(() => privacyApi.preview(), setPreview)} loading={busy}>
              {t('privacyCentre.retention.previewButton')}
            </Button>
            {manage && (
              <Popconfirm
                title={t('privacyCentre.retention.runConfirm')}
                onConfirm={() =>
                  run(
                    () => privacyApi.purge(),
                    (report) => {
                      notify.ok(t('privacyCentre.retention.ran', { id: report.id }));
                      setPreview(null);
                      reports.reload();
                    },
                  )
                }
              >
                <Button danger loading={busy}>
                  {t('privacyCentre.retention.run')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        {preview ? (
          <>
            {counts(preview.counts)}
            <Alert
              type="info"
              showIcon
              title={`${t('privacyCentre.retention.held')}: ${preview.heldEmployees}`}
              style={{ marginTop: 8 }}
            />
          </>
        ) : null}
      </Card>

      <Card title={t('privacyCentre.retention.reports')}>
        {reports.error ? (
          <LoadError error={reports.error} onRetry={reports.reload} />
        ) : (
          <Table<PurgeReport>
            rowKey="id"
            size="small"
            loading={reports.loading}
            dataSource={reports.data?.items ?? []}
            pagination={{ current: page, pageSize: 10, total: reports.data?.total ?? 0, onChange: setPage }}
            expandable={{ expandedRowRender: (r) => counts(r.counts) }}
            columns={[
              { title: '#', dataIndex: 'id', width: 60 },
              {
                title: t('privacyCentre.retention.startedAt'),
                dataIndex: 'startedAt',
                render: (v: string) => formatInstant(v),
              },
              {
                title: t('privacyCentre.retention.trigger'),
                key: 'trigger',
                render: (_, r) => `${t(`privacyCentre.retention.triggers.${r.trigger}`)} · ${r.actorName}`,
              },
              ...(['evidenceCrops', 'templates', 'punches'] as const).map((k) => ({
                title: t(`privacyCentre.retention.counts.${k}`),
                key: k,
                render: (_: unknown, r: PurgeReport) => r.counts[k],
              })),
              { title: t('privacyCentre.retention.held'), dataIndex: 'heldEmployees' },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
