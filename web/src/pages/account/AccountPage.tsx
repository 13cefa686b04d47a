// My account: who I am, change my password, my open sessions and "log out everywhere".
import { Alert, Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Session } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { useLoad } from '../../components/useLoad';
import { ChangePasswordCard } from './ChangePasswordCard';
import { SessionsCard } from './SessionsCard';

export default function AccountPage() {
  const { t } = useTranslation();
  const { me, mustChangePassword } = useAuth();
  const sessions = useLoad(() => api.get<Session[]>('/api/auth/sessions'), []);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {mustChangePassword && <Alert type="warning" showIcon title={t('account.mustChange')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('account.profile')}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'username', label: t('auth.username'), children: me?.username },
                  {
                    key: 'roles',
                    label: t('users.roles'),
                    children: me?.roles.map((r) => <Tag key={r}>{t(`roles.${r}`)}</Tag>),
                  },
                ]}
              />
            </Card>
            <ChangePasswordCard onChanged={sessions.reload} />
          </Space>
        </Col>
        <Col xs={24} xl={15}>
          <SessionsCard sessions={sessions} />
        </Col>
      </Row>
    </Space>
  );
}
