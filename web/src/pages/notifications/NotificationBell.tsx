// The bell in the console header: the number of unread notices, opening the notifications page.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useUnreadCount } from './unread';

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  return (
    <Badge count={unread} size="small" offset={[-4, 4]}>
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={t('alerts.notifications.bell')}
        data-testid="notification-bell"
        onClick={() => navigate('/notifications')}
      />
    </Badge>
  );
}
