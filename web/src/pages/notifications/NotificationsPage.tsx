// My notifications: newest first, unread marked, each opening its link; mark read, mark all; my e-mail address.
import { Badge, Button, Card, Empty, Form, Input, List, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { refreshUnreadCount } from './unread';

interface Notice {
  id: number;
  kind: string;
  title: { en: string; 'zh-CN': string };
  body: { en: string; 'zh-CN': string };
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const PAGE = 20;

export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useLoad(
    () =>
      api.get<{ total: number; unread: number; items: Notice[] }>('/api/notifications', {
        unread: unreadOnly || undefined,
        limit: PAGE,
        offset: (page - 1) * PAGE,
      }),
    [unreadOnly, page],
  );
  const email = useLoad(
    () => api.get<{ email: string | null; employeeEmail: string | null }>('/api/notifications/email'),
    [],
  );
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';

  const markRead = async (n: Notice) => {
    if (!n.readAt) {
      await api.post(`/api/notifications/${n.id}/read`).catch(notify.fail);
      refreshUnreadCount();
    }
  };
  const open = async (n: Notice) => {
    await markRead(n);
    if (n.link) navigate(n.link);
    else list.reload();
  };
  const markAll = async () => {
    try {
      await api.post('/api/notifications/read-all');
      refreshUnreadCount();
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };
  const saveEmail = async (values: { email: string }) => {
    try {
      await api.put('/api/notifications/email', { email: values.email?.trim() || null });
      notify.ok(t('alerts.detail.saved'));
      email.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {t('alerts.notifications.title')}
            <Badge count={list.data?.unread ?? 0} />
          </Space>
        }
        extra={
          <Space>
            <Switch
              checked={unreadOnly}
              onChange={(v) => {
                setUnreadOnly(v);
                setPage(1);
              }}
            />
            {t('alerts.notifications.unreadOnly')}
            <Button onClick={markAll} disabled={!list.data?.unread}>
              {t('alerts.notifications.markAll')}
            </Button>
          </Space>
        }
      >
        {list.error && <LoadError error={list.error} onRetry={list.reload} />}
        <List<Notice>
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('alerts.notifications.empty')} /> }}
          pagination={
            (list.data?.total ?? 0) > PAGE
              ? { current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage }
              : false
          }
          renderItem={(n) => (
            <List.Item
              data-testid="notice"
              actions={[
                ...(n.link
                  ? [
                      <Button key="open" type="link" onClick={() => open(n)}>
                        {t('alerts.notifications.open')}
                      </Button>,
                    ]
                  : []),
                ...(!n.readAt
                  ? [
                      <Button key="read" type="link" onClick={() => markRead(n).then(list.reload)}>
                        {t('alerts.notifications.markRead')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                avatar={<Badge status={n.readAt ? 'default' : 'processing'} />}
                title={<Typography.Text strong={!n.readAt}>{n.title[lang]}</Typography.Text>}
                description={
                  <>
                    <Typography.Paragraph style={{ marginBottom: 0 }}>{n.body[lang]}</Typography.Paragraph>
                    <Typography.Text type="secondary">{formatInstant(n.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('alerts.notifications.myEmail')} size="small">
        {email.data && (
          <Form layout="inline" initialValues={{ email: email.data.email ?? '' }} onFinish={saveEmail}>
            <Form.Item name="email" rules={[{ type: 'email' }]} style={{ minWidth: 320 }}>
              <Input placeholder="name@example.com" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('alerts.notifications.save')}
            </Button>
            <Typography.Text type="secondary" style={{ marginLeft: 16 }}>
              {email.data.employeeEmail
                ? t('alerts.notifications.employeeEmail', { email: email.data.employeeEmail })
                : t('alerts.notifications.noEmail')}
            </Typography.Text>
          </Form>
        )}
      </Card>
    </Space>
  );
}
