import { LogoutOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Session } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import type { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';

/** A short name for a browser from its user-agent text, e.g. "Chrome 126 · Linux". */
function browserName(userAgent: string | null): string {
  if (!userAgent) return '';
  const browser = /(Edg|Firefox|Chrome|Safari)\/(\d+)/.exec(userAgent);
  const os = /(Windows|Mac OS X|Android|iPhone|Linux)/.exec(userAgent);
  const name = browser
    ? `${browser[1] === 'Edg' ? 'Edge' : browser[1]} ${browser[2]}`
    : userAgent.slice(0, 40);
  return os ? `${name} · ${os[1] === 'Mac OS X' ? 'macOS' : os[1]}` : name;
}

export function SessionsCard({ sessions }: { sessions: ReturnType<typeof useLoad<Session[]>> }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { clear } = useAuth();
  const notify = useNotify();

  const end = async (session: Session) => {
    try {
      await api.delete(`/api/auth/sessions/${encodeURIComponent(session.id)}`);
      notify.ok(t('account.sessionEnded'));
      sessions.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const endAll = () =>
    modal.confirm({
      title: t('account.logoutAllConfirm'),
      content: t('account.logoutAllHelp'),
      okText: t('account.logoutAll'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.post('/api/auth/logout-all');
          clear();
        } catch (err) {
          notify.fail(err);
        }
      },
    });

  return (
    <Card
      title={t('account.sessions')}
      extra={
        <Button danger icon={<LogoutOutlined />} onClick={endAll}>
          {t('account.logoutAll')}
        </Button>
      }
    >
      {sessions.error && <LoadError error={sessions.error} onRetry={sessions.reload} />}
      <Table<Session>
        rowKey="id"
        size="small"
        loading={sessions.loading}
        dataSource={sessions.data ?? []}
        pagination={false}
        columns={[
          {
            title: t('account.device'),
            dataIndex: 'userAgent',
            render: (ua: string | null, s) => (
              <>
                <Typography.Text>{browserName(ua) || t('account.unknownDevice')}</Typography.Text>{' '}
                {s.current && <Tag color="blue">{t('account.thisSession')}</Tag>}
              </>
            ),
          },
          { title: t('account.ip'), dataIndex: 'ip', width: 120 },
          { title: t('account.signedIn'), dataIndex: 'createdAt', width: 160, render: formatInstant },
          { title: t('account.lastSeen'), dataIndex: 'lastSeenAt', width: 160, render: formatInstant },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_, s) =>
              !s.current && (
                <Popconfirm
                  title={t('account.endSessionConfirm')}
                  okText={t('account.endSession')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => end(s)}
                >
                  <Button size="small" danger type="link">
                    {t('account.endSession')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
