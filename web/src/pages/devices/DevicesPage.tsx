// Kiosk devices: status (online, offline, pending, revoked), last seen, punches today, backend and camera;
// register a kiosk and show its one-time pairing code and QR, a new pairing code, rename and revoke.
import { PlusOutlined, QrcodeOutlined, StopOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Form,
  Image,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';

interface Device {
  id: number;
  name: string;
  siteId: number | null;
  siteName: string | null;
  direction: 'in' | 'out' | 'both';
  state: 'pending' | 'online' | 'offline' | 'revoked';
  appVersion: string | null;
  faceBackend: string | null;
  camera: string | null;
  clockOffsetMs: number | null;
  lastSeenAt: string | null;
  punchesToday: number;
}

interface Pairing {
  code: string;
  expiresAt: string;
  url: string;
  qrDataUrl: string;
}

const STATE_COLOURS = { online: 'green', offline: 'orange', pending: 'blue', revoked: 'default' } as const;

export default function DevicesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canManage = can('devices.manage');
  const list = useLoad(() => api.get<Device[]>('/api/devices'), []);
  const sites = useLoad(() => api.get<{ id: number; name: string }[]>('/api/sites'), []);
  const [creating, setCreating] = useState(false);
  const [pairing, setPairing] = useState<{ device: string; pairing: Pairing } | null>(null);
  const [form] = Form.useForm<{ name: string; siteId?: number; direction: Device['direction'] }>();

  const create = async (values: { name: string; siteId?: number; direction: Device['direction'] }) => {
    try {
      const res = await api.post<{ device: Device; pairing: Pairing }>('/api/devices', values);
      setCreating(false);
      form.resetFields();
      setPairing({ device: res.device.name, pairing: res.pairing });
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };
  const renew = async (device: Device) => {
    try {
      const res = await api.post<{ device: Device; pairing: Pairing }>(`/api/devices/${device.id}/pairing`);
      setPairing({ device: device.name, pairing: res.pairing });
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };
  const revoke = async (device: Device) => {
    try {
      await api.post(`/api/devices/${device.id}/revoke`);
      notify.ok(t('devices.revoked', { name: device.name }));
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const columns: ColumnsType<Device> = [
    { title: t('devices.fields.name'), dataIndex: 'name' },
    { title: t('devices.fields.site'), dataIndex: 'siteName' },
    {
      title: t('devices.fields.direction'),
      dataIndex: 'direction',
      render: (d: Device['direction']) => t(`devices.direction.${d}`),
    },
    {
      title: t('devices.fields.state'),
      dataIndex: 'state',
      render: (s: Device['state']) => <Tag color={STATE_COLOURS[s]}>{t(`devices.state.${s}`)}</Tag>,
    },
    {
      title: t('devices.fields.lastSeen'),
      dataIndex: 'lastSeenAt',
      render: (v: string | null) => formatInstant(v),
    },
    { title: t('devices.fields.punchesToday'), dataIndex: 'punchesToday' },
    {
      title: t('devices.fields.details'),
      key: 'details',
      render: (_, d) =>
        [
          d.appVersion && `v${d.appVersion}`,
          d.faceBackend,
          d.camera,
          d.clockOffsetMs !== null && `Δ ${Math.round(d.clockOffsetMs / 1000)} s`,
        ]
          .filter(Boolean)
          .join(' · '),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, d) => (
        <Space size={4}>
          <Button size="small" icon={<QrcodeOutlined />} onClick={() => renew(d)}>
            {t('devices.pair')}
          </Button>
          {d.state !== 'revoked' && (
            <Popconfirm
              title={t('devices.revokeConfirm', { name: d.name })}
              description={t('devices.revokeHelp')}
              okText={t('devices.revoke')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => revoke(d)}
            >
              <Button size="small" danger icon={<StopOutlined />}>
                {t('devices.revoke')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <Card
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('devices.create')}
          </Button>
        )
      }
    >
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<Device>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
      />
      <Modal
        open={creating}
        title={t('devices.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('devices.create')}
        cancelText={t('common.cancel')}
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ direction: 'both' }}>
          <Form.Item
            name="name"
            label={t('devices.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="siteId" label={t('devices.fields.site')}>
            <Select allowClear options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item name="direction" label={t('devices.fields.direction')}>
            <Select
              options={(['both', 'in', 'out'] as const).map((d) => ({
                value: d,
                label: t(`devices.direction.${d}`),
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={pairing !== null}
        title={t('devices.pairingTitle', { name: pairing?.device ?? '' })}
        onCancel={() => setPairing(null)}
        footer={null}
      >
        {pairing && (
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <Image src={pairing.pairing.qrDataUrl} width={256} preview={false} alt={pairing.pairing.url} />
            <Typography.Title level={2} copyable style={{ margin: 0 }} data-testid="pairing-code">
              {pairing.pairing.code}
            </Typography.Title>
            <Typography.Text copyable>{pairing.pairing.url}</Typography.Text>
            <Typography.Text type="secondary">
              {t('devices.pairingHelp', { expires: formatInstant(pairing.pairing.expiresAt) })}
            </Typography.Text>
          </Space>
        )}
      </Modal>
    </Card>
  );
}
