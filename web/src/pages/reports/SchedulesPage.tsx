// Scheduled reports (定时报表): HR chooses a report, its format and language, how often it goes out and to
// whom; each recipient gets what they may see. "Send now" checks a schedule at once.
import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { departmentOptions } from '../../components/departmentTree';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { useOrgRefs } from '../../components/useOrgRefs';
import type { ExportFormat, ReportKind } from './api';

type Frequency = 'daily' | 'weekly' | 'monthly';

interface ScheduleInput {
  name: string;
  report: ReportKind;
  format: ExportFormat;
  frequency: Frequency;
  departmentId: number | null;
  language: 'zh-CN' | 'en';
  recipients: number[];
  enabled: boolean;
}

interface Schedule extends ScheduleInput {
  id: number;
  lastPeriod: string | null;
  lastSentAt: string | null;
  lastError: string | null;
}

interface Recipient {
  id: number;
  username: string;
  name: string | null;
  email: string | null;
}

const EMPTY: ScheduleInput = {
  name: '',
  report: 'monthly',
  format: 'xlsx',
  frequency: 'monthly',
  departmentId: null,
  language: 'zh-CN',
  recipients: [],
  enabled: true,
};

export default function SchedulesPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { refs } = useOrgRefs();
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const [form] = Form.useForm<ScheduleInput>();
  const schedules = useLoad(() => api.get<Schedule[]>('/api/reports/schedules'), []);
  const recipients = useLoad(() => api.get<Recipient[]>('/api/reports/schedules/recipients'), []);
  const userName = (id: number) => recipients.data?.find((r) => r.id === id)?.username ?? `#${id}`;

  const open = (s: Schedule | 'new') => {
    setEditing(s);
    form.setFieldsValue(s === 'new' ? EMPTY : s);
  };
  const save = async () => {
    const values = await form.validateFields();
    const body = { ...EMPTY, ...values, departmentId: values.departmentId ?? null };
    try {
      if (editing === 'new') await api.post('/api/reports/schedules', body);
      else if (editing) await api.put(`/api/reports/schedules/${editing.id}`, body);
      notify.ok(t('reports.schedules.saved'));
      setEditing(null);
      schedules.reload();
    } catch (err) {
      notify.fail(err);
    }
  };
  const remove = async (id: number) => {
    try {
      await api.delete(`/api/reports/schedules/${id}`);
      schedules.reload();
    } catch (err) {
      notify.fail(err);
    }
  };
  const sendNow = async (id: number) => {
    try {
      const result = await api.post<{ sent: number[]; skipped: number[] }>(
        `/api/reports/schedules/${id}/send`,
      );
      notify.ok(t('reports.schedules.sentTo', { n: result.sent.length }));
      schedules.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const columns: ColumnsType<Schedule> = [
    { title: t('reports.schedules.name'), dataIndex: 'name' },
    {
      title: t('reports.schedules.report'),
      dataIndex: 'report',
      render: (r: ReportKind) => t(`reports.nav.${r}`),
    },
    { title: t('reports.schedules.format'), dataIndex: 'format', render: (f: string) => f.toUpperCase() },
    {
      title: t('reports.schedules.frequency'),
      dataIndex: 'frequency',
      render: (f: Frequency) => t(`reports.schedules.frequencies.${f}`),
    },
    {
      title: t('reports.schedules.recipients'),
      dataIndex: 'recipients',
      render: (ids: number[]) => ids.map((id) => <Tag key={id}>{userName(id)}</Tag>),
    },
    {
      title: t('reports.schedules.lastSent'),
      key: 'last',
      render: (_, s) =>
        s.lastError ? (
          <Tag color="red">{s.lastError}</Tag>
        ) : s.lastSentAt ? (
          dayjs(s.lastSentAt).format('YYYY-MM-DD HH:mm')
        ) : (
          '—'
        ),
    },
    {
      title: t('reports.schedules.enabled'),
      dataIndex: 'enabled',
      render: (on: boolean) =>
        on ? <Tag color="green">{t('reports.schedules.on')}</Tag> : <Tag>{t('reports.schedules.off')}</Tag>,
    },
    {
      key: 'actions',
      render: (_, s) => (
        <Space>
          <Button size="small" icon={<SendOutlined />} onClick={() => sendNow(s.id)}>
            {t('reports.schedules.sendNow')}
          </Button>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => open(s)}
            aria-label={t('reports.schedules.edit')}
          />
          <Popconfirm
            title={t('reports.schedules.deleteConfirm', { name: s.name })}
            okText={t('reports.schedules.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(s.id)}
          >
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('reports.schedules.delete')}
            />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {t('reports.schedules.add')}
        </Button>
      }
    >
      {schedules.error ? (
        <LoadError error={schedules.error} onRetry={schedules.reload} />
      ) : (
        <Table<Schedule>
          rowKey="id"
          size="small"
          loading={schedules.loading}
          columns={columns}
          dataSource={schedules.data ?? []}
          pagination={false}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('reports.schedules.add') : t('reports.schedules.edit')}
        okText={t('reports.schedules.save')}
        cancelText={t('common.cancel')}
        onOk={save}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={EMPTY}>
          <Form.Item
            name="name"
            label={t('reports.schedules.name')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="report" label={t('reports.schedules.report')}>
              <Select
                style={{ width: 180 }}
                options={(['daily', 'monthly', 'departments'] as const).map((r) => ({
                  value: r,
                  label: t(`reports.nav.${r}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="format" label={t('reports.schedules.format')}>
              <Select
                style={{ width: 100 }}
                options={(['xlsx', 'csv', 'pdf'] as const).map((f) => ({ value: f, label: f.toUpperCase() }))}
              />
            </Form.Item>
            <Form.Item name="frequency" label={t('reports.schedules.frequency')}>
              <Select
                style={{ width: 140 }}
                options={(['daily', 'weekly', 'monthly'] as const).map((f) => ({
                  value: f,
                  label: t(`reports.schedules.frequencies.${f}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="language" label={t('reports.schedules.language')}>
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 'zh-CN', label: '简体中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
          </Space>
          <Form.Item name="departmentId" label={t('reports.department')}>
            <TreeSelect
              allowClear
              placeholder={t('reports.allDepartments')}
              treeData={departmentOptions(refs.departments)}
              treeDefaultExpandAll
            />
          </Form.Item>
          <Form.Item
            name="recipients"
            label={t('reports.schedules.recipients')}
            extra={t('reports.schedules.recipientsHelp')}
            rules={[{ required: true, type: 'array', min: 1 }]}
          >
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(recipients.data ?? []).map((r) => ({
                value: r.id,
                label: `${r.username}${r.name ? ` · ${r.name}` : ''}${r.email ? ` <${r.email}>` : ` (${t('reports.schedules.noEmail')})`}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="enabled" label={t('reports.schedules.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
