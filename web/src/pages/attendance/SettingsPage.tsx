// Attendance settings: approval chains, the 补卡 quota and deadline, attachments, the company's time zone and the
// face roll-out scope (which departments punch by face from which date).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Spin, TreeSelect } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { departmentOptions } from '../../components/departmentTree';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { useOrgRefs } from '../../components/useOrgRefs';
import { timeZoneOptions } from '../sites/timeZones';
import type { RequestKind, Step } from './api';

interface AttendanceSettings {
  approvalChains: Record<RequestKind, Step[]>;
  correctionQuotaPerMonth: number;
  correctionDeadlineDays: number;
  attachmentMaxMb: number;
  syncRecomputeLimit: number;
  annualLeaveMethod: 'proRata' | 'yearStart';
  companyZone: string;
  faceRollout: { departmentId: number; from: string }[];
}

const KINDS: RequestKind[] = ['leave', 'businessTrip', 'fieldWork', 'punchCorrection', 'overtime'];

export default function SettingsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canWrite = can('attendance.configure');
  const { refs } = useOrgRefs();
  const settings = useLoad(() => api.get<AttendanceSettings>('/api/attendance/settings'), []);
  const [form] = Form.useForm<AttendanceSettings>();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = async (values: AttendanceSettings) => {
    try {
      const saved = await api.patch<AttendanceSettings>('/api/attendance/settings', values);
      form.setFieldsValue(saved);
      notify.ok(t('attendance.saved'));
    } catch (err) {
      notify.fail(err);
    }
  };

  if (settings.error) return <LoadError error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Spin />;
  const stepOptions = [
    { value: 'manager', label: t('attendance.settings.steps.manager') },
    { value: 'hr', label: t('attendance.settings.steps.hr') },
  ];
  return (
    <Form form={form} layout="vertical" onFinish={save} disabled={!canWrite} initialValues={settings.data}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={t('attendance.settings.approvals')}>
          {KINDS.map((kind) => (
            <Form.Item
              key={kind}
              name={['approvalChains', kind]}
              label={t(`attendance.requests.kinds.${kind}`)}
            >
              <Select
                mode="multiple"
                options={stepOptions}
                placeholder={t('attendance.settings.noApproval')}
              />
            </Form.Item>
          ))}
        </Card>
        <Card title={t('attendance.settings.rules')}>
          <Space wrap size="large">
            <Form.Item name="correctionQuotaPerMonth" label={t('attendance.settings.correctionQuota')}>
              <InputNumber min={0} max={31} />
            </Form.Item>
            <Form.Item name="correctionDeadlineDays" label={t('attendance.settings.correctionDeadline')}>
              <InputNumber min={0} max={365} />
            </Form.Item>
            <Form.Item name="attachmentMaxMb" label={t('attendance.settings.attachmentMaxMb')}>
              <InputNumber min={1} max={50} />
            </Form.Item>
            <Form.Item name="syncRecomputeLimit" label={t('attendance.settings.syncRecomputeLimit')}>
              <InputNumber min={1} max={1_000_000} />
            </Form.Item>
            <Form.Item name="annualLeaveMethod" label={t('attendance.settings.annualLeaveMethod')}>
              <Select
                style={{ width: 200 }}
                options={[
                  { value: 'proRata', label: t('attendance.settings.proRata') },
                  { value: 'yearStart', label: t('attendance.settings.yearStart') },
                ]}
              />
            </Form.Item>
            <Form.Item name="companyZone" label={t('attendance.settings.companyZone')}>
              <Select
                showSearch
                style={{ width: 280 }}
                options={timeZoneOptions(settings.data.companyZone)}
              />
            </Form.Item>
          </Space>
        </Card>
        <Card title={t('attendance.settings.faceRollout')}>
          <Alert
            type="info"
            showIcon
            message={t('attendance.settings.faceRolloutHelp')}
            style={{ marginBottom: 16 }}
          />
          <Form.List name="faceRollout">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item
                      name={[field.name, 'departmentId']}
                      label={t('attendance.settings.department')}
                      rules={[{ required: true, message: t('attendance.settings.departmentRequired') }]}
                    >
                      <TreeSelect
                        style={{ width: 260 }}
                        treeData={departmentOptions(refs.departments)}
                        treeDefaultExpandAll
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'from']}
                      label={t('attendance.settings.from')}
                      rules={[
                        {
                          required: true,
                          pattern: /^\d{4}-\d{2}-\d{2}$/,
                          message: t('attendance.settings.dateFormat'),
                        },
                      ]}
                    >
                      <Input placeholder="2026-12-01" style={{ width: 140 }} />
                    </Form.Item>
                    <Button
                      type="text"
                      aria-label={t('attendance.settings.removeRollout')}
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ from: '' })}>
                  {t('attendance.settings.addRollout')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        {canWrite && (
          <Button type="primary" htmlType="submit">
            {t('attendance.settings.save')}
          </Button>
        )}
      </Space>
    </Form>
  );
}
