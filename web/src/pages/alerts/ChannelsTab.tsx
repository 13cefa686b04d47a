// Webhook channels: WeCom, DingTalk and Feishu bots, JSON webhooks signed with HMAC; add, edit, test, delete.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useNotify } from '../../components/useNotify';

export interface Channel {
  id: number;
  kind: 'wecom' | 'dingtalk' | 'feishu' | 'webhook';
  name: string;
  url: string;
  hasSecret: boolean;
  enabled: boolean;
}

interface ChannelForm {
  kind: Channel['kind'];
  name: string;
  url: string;
  secret?: string;
  enabled: boolean;
}

const KINDS: Channel['kind'][] = ['wecom', 'dingtalk', 'feishu', 'webhook'];

export function ChannelsTab({ channels, onChanged }: { channels: Channel[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [testing, setTesting] = useState<number | null>(null);
  const [form] = Form.useForm<ChannelForm>();

  const open = (c: Channel | 'new') => {
    setEditing(c);
    form.setFieldsValue(
      c === 'new'
        ? { kind: 'wecom', name: '', url: '', secret: '', enabled: true }
        : { kind: c.kind, name: c.name, url: c.url, secret: '', enabled: c.enabled },
    );
  };
  const save = async (values: ChannelForm) => {
    const body = { ...values, secret: values.secret ? values.secret : undefined };
    try {
      if (editing === 'new') await api.post('/api/notify/channels', body);
      else if (editing) await api.patch(`/api/notify/channels/${editing.id}`, body);
      setEditing(null);
      onChanged();
    } catch (err) {
      notify.fail(err);
    }
  };
  const test = async (c: Channel) => {
    setTesting(c.id);
    try {
      const res = await api.post<{ status: string; lastError: string | null }>(
        `/api/notify/channels/${c.id}/test`,
      );
      if (res.status === 'sent') notify.ok(t('alerts.channels.testSent'));
      else notify.fail(new Error(t('alerts.channels.testFailed', { error: res.lastError ?? '' })));
    } catch (err) {
      notify.fail(err);
    } finally {
      setTesting(null);
    }
  };
  const remove = async (c: Channel) => {
    try {
      await api.delete(`/api/notify/channels/${c.id}`);
      onChanged();
    } catch (err) {
      notify.fail(err);
    }
  };

  return (
    <>
      <Button icon={<PlusOutlined />} type="primary" onClick={() => open('new')} style={{ marginBottom: 16 }}>
        {t('alerts.channels.add')}
      </Button>
      <Table<Channel>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={channels}
        columns={[
          { title: t('alerts.channels.name'), dataIndex: 'name' },
          {
            title: t('alerts.channels.kind'),
            dataIndex: 'kind',
            render: (k: Channel['kind']) => t(`alerts.channels.kinds.${k}`),
          },
          { title: t('alerts.channels.url'), dataIndex: 'url', ellipsis: true },
          {
            title: t('alerts.channels.enabled'),
            dataIndex: 'enabled',
            render: (on: boolean, c) => (
              <Space>
                <Tag color={on ? 'green' : 'default'}>{on ? '✓' : '—'}</Tag>
                {c.hasSecret && <Tag>{t('alerts.channels.secret')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, c) => (
              <Space>
                <Button size="small" loading={testing === c.id} onClick={() => test(c)}>
                  {t('alerts.channels.test')}
                </Button>
                <Button size="small" onClick={() => open(c)}>
                  {t('alerts.channels.edit')}
                </Button>
                <Popconfirm title={t('alerts.channels.deleteConfirm')} onConfirm={() => remove(c)}>
                  <Button size="small" danger>
                    {t('alerts.channels.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('alerts.channels.add') : (editing?.name ?? '')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="kind" label={t('alerts.channels.kind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`alerts.channels.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('alerts.channels.name')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="url" label={t('alerts.channels.url')} rules={[{ required: true, type: 'url' }]}>
            <Input placeholder="https://…" />
          </Form.Item>
          <Form.Item
            name="secret"
            label={t('alerts.channels.secret')}
            extra={editing !== 'new' && editing?.hasSecret ? t('alerts.channels.secretKept') : undefined}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="enabled" label={t('alerts.channels.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
