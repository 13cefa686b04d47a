// Announcements (公告): everyone reads them (opening one records the read receipt); HR publishes rule changes,
// system updates and maintenance windows, sees who has read each one and who not, and withdraws them.
import { NotificationOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';

type Kind = 'rule' | 'system' | 'maintenance';
const KINDS: Kind[] = ['rule', 'system', 'maintenance'];
const KIND_COLOURS: Record<Kind, string> = { rule: 'purple', system: 'blue', maintenance: 'orange' };

interface Announcement {
  id: number;
  kind: Kind;
  title: string;
  body: string;
  windowStart: string | null;
  windowEnd: string | null;
  publishedAt: string;
  withdrawnAt: string | null;
  publishedBy: string;
  read: boolean;
  receipts: { read: number; audience: number } | null;
}

interface Person {
  userId: number;
  username: string;
  displayName: string;
  department: string | null;
  readAt: string | null;
}

interface Draft {
  kind: Kind;
  title: string;
  body: string;
  window?: [Dayjs, Dayjs];
}

export default function AnnouncementsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const manage = can('announcements.manage');
  const [params, setParams] = useSearchParams();
  const [withdrawn, setWithdrawn] = useState(false);
  const [open, setOpen] = useState<Announcement | null>(null);
  const [receiptsOf, setReceiptsOf] = useState<Announcement | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [form] = Form.useForm<Draft>();
  const list = useLoad(
    () =>
      api.get<{ total: number; unread: number; items: Announcement[] }>('/api/announcements', {
        includeWithdrawn: withdrawn || undefined,
        limit: 200,
      }),
    [withdrawn],
  );
  const receipts = useLoad(
    () =>
      receiptsOf
        ? api.get<{ read: Person[]; unread: Person[] }>(`/api/announcements/${receiptsOf.id}/receipts`)
        : Promise.resolve(undefined),
    [receiptsOf],
  );

  const show = async (a: Announcement) => {
    setOpen(a);
    if (!a.read && !a.withdrawnAt) {
      try {
        await api.post(`/api/announcements/${a.id}/read`);
        list.reload();
      } catch (err) {
        notify.fail(err);
      }
    }
  };

  // A notice links here with ?open=<id>.
  const openId = Number(params.get('open')) || null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: open the linked announcement once the list is there
  useEffect(() => {
    const linked = openId && list.data?.items.find((a) => a.id === openId);
    if (linked) {
      void show(linked);
      setParams({}, { replace: true });
    }
  }, [openId, list.data]);

  const publish = async (draft: Draft) => {
    try {
      await api.post('/api/announcements', {
        kind: draft.kind,
        title: draft.title,
        body: draft.body,
        ...(draft.window
          ? { windowStart: draft.window[0].toISOString(), windowEnd: draft.window[1].toISOString() }
          : {}),
      });
      notify.ok(t('workspace.announcements.publishedOk'));
      setPublishing(false);
      form.resetFields();
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const withdraw = async (a: Announcement) => {
    try {
      await api.post(`/api/announcements/${a.id}/withdraw`);
      notify.ok(t('workspace.announcements.withdrawnOk'));
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const window = (a: Announcement) =>
    a.windowStart && a.windowEnd ? `${formatInstant(a.windowStart)} – ${formatInstant(a.windowEnd)}` : null;
  const people = (rows: Person[] | undefined) => (
    <Table<Person>
      rowKey="userId"
      size="small"
      pagination={false}
      dataSource={rows ?? []}
      columns={[
        {
          title: t('workspace.announcements.user'),
          key: 'user',
          render: (_, p) => `${p.displayName} (${p.username})`,
        },
        { title: t('workspace.records.department'), dataIndex: 'department' },
        {
          title: t('workspace.announcements.readAt'),
          dataIndex: 'readAt',
          render: (v: string | null) => formatInstant(v),
        },
      ]}
    />
  );

  return (
    <Card
      extra={
        manage && (
          <Space>
            <Checkbox checked={withdrawn} onChange={(e) => setWithdrawn(e.target.checked)}>
              {t('workspace.announcements.showWithdrawn')}
            </Checkbox>
            <Button type="primary" icon={<NotificationOutlined />} onClick={() => setPublishing(true)}>
              {t('workspace.announcements.publish')}
            </Button>
          </Space>
        )
      }
    >
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <List
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('workspace.announcements.empty')} /> }}
        renderItem={(a) => (
          <List.Item
            data-announcement={a.id}
            actions={
              manage
                ? [
                    a.receipts && (
                      <Button key="receipts" size="small" onClick={() => setReceiptsOf(a)}>
                        {t('workspace.announcements.receiptsCount', a.receipts)}
                      </Button>
                    ),
                    !a.withdrawnAt && (
                      <Popconfirm
                        key="withdraw"
                        title={t('workspace.announcements.withdrawConfirm')}
                        onConfirm={() => withdraw(a)}
                      >
                        <Button size="small" danger>
                          {t('workspace.announcements.withdraw')}
                        </Button>
                      </Popconfirm>
                    ),
                  ].filter(Boolean)
                : undefined
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  {!a.read && !a.withdrawnAt && <Badge status="processing" />}
                  <Typography.Link onClick={() => void show(a)}>{a.title}</Typography.Link>
                  <Tag color={KIND_COLOURS[a.kind]}>{t(`workspace.announcements.kinds.${a.kind}`)}</Tag>
                  {a.withdrawnAt && <Tag>{t('workspace.announcements.withdrawn')}</Tag>}
                  {!a.read && !a.withdrawnAt && <Tag color="red">{t('workspace.announcements.unread')}</Tag>}
                </Space>
              }
              description={
                <>
                  {t('workspace.announcements.published', {
                    time: formatInstant(a.publishedAt),
                    name: a.publishedBy,
                  })}
                  {window(a) && ` · ${t('workspace.announcements.window')}: ${window(a)}`}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={open !== null}
        onCancel={() => setOpen(null)}
        footer={null}
        title={open?.title}
        destroyOnHidden
      >
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Flex gap={8} wrap>
              <Tag color={KIND_COLOURS[open.kind]}>{t(`workspace.announcements.kinds.${open.kind}`)}</Tag>
              <Typography.Text type="secondary">
                {t('workspace.announcements.published', {
                  time: formatInstant(open.publishedAt),
                  name: open.publishedBy,
                })}
              </Typography.Text>
            </Flex>
            {window(open) && (
              <Typography.Text strong>
                {t('workspace.announcements.window')}: {window(open)}
              </Typography.Text>
            )}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{open.body}</Typography.Paragraph>
          </Space>
        )}
      </Modal>
      <Drawer
        open={receiptsOf !== null}
        onClose={() => setReceiptsOf(null)}
        title={`${t('workspace.announcements.receipts')} · ${receiptsOf?.title ?? ''}`}
        size="large"
      >
        {receipts.error && <LoadError error={receipts.error} onRetry={receipts.reload} />}
        <Tabs
          items={[
            {
              key: 'unread',
              label: t('workspace.announcements.nonReaders', { count: receipts.data?.unread.length ?? 0 }),
              children: people(receipts.data?.unread),
            },
            {
              key: 'read',
              label: t('workspace.announcements.readers', { count: receipts.data?.read.length ?? 0 }),
              children: people(receipts.data?.read),
            },
          ]}
        />
      </Drawer>
      <Modal
        open={publishing}
        onCancel={() => setPublishing(false)}
        onOk={() => form.submit()}
        title={t('workspace.announcements.publish')}
        okText={t('workspace.announcements.publish')}
        destroyOnHidden
      >
        <Form<Draft> form={form} layout="vertical" onFinish={publish} initialValues={{ kind: 'system' }}>
          <Form.Item name="kind" label={t('workspace.announcements.kind')} rules={[{ required: true }]}>
            <Select
              options={KINDS.map((k) => ({ value: k, label: t(`workspace.announcements.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('workspace.announcements.titleLabel')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('workspace.announcements.body')}
            rules={[{ required: true, whitespace: true, max: 20000 }]}
          >
            <Input.TextArea rows={6} />
          </Form.Item>
          <Form.Item noStyle dependencies={['kind']}>
            {({ getFieldValue }) =>
              getFieldValue('kind') === 'maintenance' && (
                <Form.Item
                  name="window"
                  label={t('workspace.announcements.window')}
                  rules={[{ required: true }]}
                >
                  <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                </Form.Item>
              )
            }
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
