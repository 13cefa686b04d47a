// The employee's separate biometric consent (单独同意): the one in force with its scanned paper, a form to record
// one, and withdrawal (which deletes every face template of the employee at once).
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { type ConsentState, faceApi } from './api';
import { camelKey } from './reasons';

interface Props {
  employeeId: number;
  consent: ConsentState;
  onChanged: () => void;
}

interface ConsentForm {
  noticeVersion: string;
  method: 'hr_paper' | 'self_service';
  acceptedAt?: Dayjs;
}

export function ConsentCard({ employeeId, consent, onChanged }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const [form] = Form.useForm<ConsentForm>();
  const [document, setDocument] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const active = consent.active;
  // Once a notice is published, consents are recorded against the version in force: offer it.
  const current = useLoad(
    () => api.get<{ notice: { version: string } | null }>('/api/consent/notices/current'),
    [],
  );
  const currentVersion = current.data?.notice?.version;
  useEffect(() => {
    if (currentVersion) form.setFieldsValue({ noticeVersion: currentVersion });
  }, [currentVersion, form]);

  const record = async (values: ConsentForm) => {
    setBusy(true);
    try {
      const body = new FormData();
      body.append('noticeVersion', values.noticeVersion.trim());
      body.append('method', values.method);
      if (values.acceptedAt) body.append('acceptedAt', values.acceptedAt.toISOString());
      if (document && values.method === 'hr_paper') body.append('document', document, document.name);
      await faceApi.recordConsent(employeeId, body);
      notify.ok(t('faces.consent.recorded'));
      setDocument(null);
      onChanged();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    setBusy(true);
    try {
      const res = await faceApi.withdrawConsent(employeeId);
      notify.ok(t('faces.consent.withdrawn', { count: res.templatesDeleted }));
      onChanged();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('faces.consent.title')} size="small">
      {active ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="success"
            showIcon
            title={t('faces.consent.active', {
              date: formatInstant(active.acceptedAt),
              version: active.noticeVersion,
            })}
            description={t(
              `faces.consent.methods.${camelKey(active.method)}` as 'faces.consent.methods.hrPaper',
            )}
          />
          <Space wrap>
            {active.hasDocument && (
              <Button
                icon={<DownloadOutlined />}
                href={`/api/employees/${employeeId}/consent/${active.id}/document`}
                target="_blank"
              >
                {t('faces.consent.download')}
              </Button>
            )}
            {can('consent.write') && (
              <Popconfirm
                title={t('faces.consent.withdrawConfirm')}
                onConfirm={withdraw}
                okButtonProps={{ danger: true }}
              >
                <Button danger loading={busy}>
                  {t('faces.consent.withdraw')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('faces.consent.none')} />
          {can('consent.write') && (
            <Form
              form={form}
              layout="vertical"
              initialValues={{ noticeVersion: '1', method: 'hr_paper' }}
              onFinish={record}
              style={{ maxWidth: 420 }}
            >
              <Form.Item
                name="noticeVersion"
                label={t('faces.consent.noticeVersion')}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              >
                <Input maxLength={64} />
              </Form.Item>
              <Form.Item name="method" label={t('faces.consent.method')}>
                <Select
                  options={(['hr_paper', 'self_service'] as const).map((m) => ({
                    value: m,
                    label: t(`faces.consent.methods.${camelKey(m)}` as 'faces.consent.methods.hrPaper'),
                  }))}
                />
              </Form.Item>
              <Form.Item name="acceptedAt" label={t('faces.consent.acceptedAt')}>
                <DatePicker disabledDate={(d) => d.isAfter(new Date())} />
              </Form.Item>
              <Form.Item label={t('faces.consent.document')} extra={t('faces.consent.documentHint')}>
                <Upload
                  accept=".pdf,.jpg,.jpeg,.png,.webp"
                  maxCount={1}
                  beforeUpload={(file) => {
                    setDocument(file);
                    return false;
                  }}
                  onRemove={() => setDocument(null)}
                  fileList={document ? [{ uid: '1', name: document.name, status: 'done' }] : []}
                >
                  <Button icon={<UploadOutlined />}>{t('faces.consent.chooseDocument')}</Button>
                </Upload>
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('faces.consent.record')}
              </Button>
            </Form>
          )}
        </Space>
      )}
      {consent.history.some((c) => !c.active) && (
        <Descriptions size="small" column={1} title={t('faces.consent.history')} style={{ marginTop: 16 }}>
          {consent.history
            .filter((c) => !c.active)
            .map((c) => (
              <Descriptions.Item key={c.id} label={formatInstant(c.acceptedAt)}>
                {c.noticeVersion} ·{' '}
                {t(`faces.consent.methods.${camelKey(c.method)}` as 'faces.consent.methods.hrPaper')} ·{' '}
                {t('faces.consent.withdrawnOn', { date: formatInstant(c.withdrawnAt ?? '') })}
              </Descriptions.Item>
            ))}
        </Descriptions>
      )}
    </Card>
  );
}
