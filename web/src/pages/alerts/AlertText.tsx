// The kind of an alert and one line of what happened, in the UI language.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { translateDynamic } from '../../i18n';
import { type Alert, isKnownKind } from './types';

export function AlertText({ alert }: { alert: Pick<Alert, 'kind' | 'details'> }) {
  const { t } = useTranslation();
  if (!isKnownKind(alert.kind)) return <span>{alert.kind}</span>;
  const values = Object.fromEntries(
    Object.entries(alert.details).map(([k, v]) => [k, v === null || v === undefined ? '—' : String(v)]),
  );
  return (
    <span>
      <Typography.Text strong>{t(`alerts.kinds.${alert.kind}`)}</Typography.Text>
      <br />
      <Typography.Text type="secondary">
        {translateDynamic(`alerts.describe.${alert.kind}`, '', values)}
      </Typography.Text>
    </span>
  );
}
