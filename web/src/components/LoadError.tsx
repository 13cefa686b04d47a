import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';

/** Shown in place of a page's content when its data could not be loaded. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('errors.loadFailed')}
      description={error.message}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
