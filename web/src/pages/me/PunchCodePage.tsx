// My punch code: a short-lived signed QR code, refreshed before it expires, for a kiosk to scan instead of the
// face (the alternative the law asks for).
import { Alert, Card, Image, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { toApiError } from '../../components/useLoad';

interface PunchCode {
  text: string;
  expiresAt: string;
  refreshAt: string;
  qrDataUrl: string;
}

export default function PunchCodePage() {
  const { t } = useTranslation();
  const [code, setCode] = useState<PunchCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let alive = true;
    const load = async () => {
      try {
        const next = await api.get<PunchCode>('/api/me/punch-code');
        if (!alive) return;
        setCode(next);
        setError(null);
        timer = setTimeout(load, Math.max(1000, Date.parse(next.refreshAt) - Date.now()));
      } catch (err) {
        if (alive) setError(toApiError(err).message);
      }
    };
    void load();
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      alive = false;
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, []);

  return (
    <Card style={{ maxWidth: 420 }}>
      {error && <Alert type="error" showIcon title={error} />}
      {code && (
        <Space direction="vertical" align="center" style={{ width: '100%' }}>
          <Image src={code.qrDataUrl} width={300} preview={false} alt={t('punchCode.title')} />
          <Typography.Text type="secondary">
            {t('punchCode.refreshes', {
              seconds: Math.max(0, Math.ceil((Date.parse(code.refreshAt) - now) / 1000)),
            })}
          </Typography.Text>
          <Typography.Paragraph>{t('punchCode.help')}</Typography.Paragraph>
        </Space>
      )}
    </Card>
  );
}
