// My face data consent (/me/consent), phone first: the notice in force in my language, where my consent stands
// (given, needs renewal after a new version, not given), accepting it after reading, withdrawing it (my
// templates and photos are deleted at once; I punch with my QR code or PIN), and the history.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, List, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../../../auth/AuthContext';
import { formatInstant } from '../../../components/format';
import { LoadError } from '../../../components/LoadError';
import { useLoad } from '../../../components/useLoad';
import { useNotify } from '../../../components/useNotify';
import { LanguageSwitch } from '../../../layout/LanguageSwitch';
import { NOTICE_FIELDS, privacyApi } from '../../privacy/api';
import '../me.css';

export default function MyConsentPage() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading')
    return (
      <div style={{ padding: 64, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  if (status === 'setup') return <Navigate to="/setup" replace />;
  if (status !== 'ready') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <MyConsent />;
}

function MyConsent() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const { data, error, loading, reload } = useLoad(() => privacyApi.myConsent(), []);
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const language = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';

  const act = async (work: () => Promise<unknown>, done: (value: never) => string) => {
    setBusy(true);
    try {
      const value = await work();
      notify.ok(done(value as never));
      setAgreed(false);
      reload();
    } catch (err) {
      notify.fail(err);
      reload();
    } finally {
      setBusy(false);
    }
  };

  const notice = data?.notice ?? null;
  const text = notice?.content[language];
  const standing = data?.standing;

  return (
    <div className="fc-me">
      <div className="fc-me-header">
        <Link to="/me">
          <Button size="small" type="text" icon={<ArrowLeftOutlined />}>
            {t('privacyCentre.me.back')}
          </Button>
        </Link>
        <LanguageSwitch />
      </div>
      <div className="fc-me-body">
        {error && <LoadError error={error} onRetry={reload} />}
        {loading && !data && <Card loading />}
        {data && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              data-testid="consent-standing"
              type={standing === 'current' ? 'success' : standing === 'needs_renewal' ? 'warning' : 'info'}
              showIcon
              title={
                standing === 'current'
                  ? t('privacyCentre.me.stateCurrent')
                  : standing === 'needs_renewal'
                    ? t('privacyCentre.me.stateRenewal', { version: data.active?.noticeVersion ?? '' })
                    : t('privacyCentre.me.stateNone')
              }
              description={t('privacyCentre.me.templates', { count: data.templates })}
            />
            {notice && text ? (
              <Card size="small" title={text.title} data-testid="consent-notice">
                <Typography.Paragraph type="secondary">
                  {t('privacyCentre.me.version', {
                    version: notice.version,
                    date: formatInstant(notice.publishedAt).slice(0, 10),
                  })}
                </Typography.Paragraph>
                {NOTICE_FIELDS.filter((f) => f !== 'title').map((f) => (
                  <div key={f}>
                    <Typography.Title level={5}>{t(`privacyCentre.sections.${f}`)}</Typography.Title>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text[f]}</Typography.Paragraph>
                  </div>
                ))}
                {standing !== 'current' && (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
                      {t('privacyCentre.me.agree')}
                    </Checkbox>
                    <Button
                      type="primary"
                      block
                      disabled={!agreed}
                      loading={busy}
                      onClick={() =>
                        act(
                          () => privacyApi.acceptMyConsent(notice.version),
                          () => t('privacyCentre.me.accepted'),
                        )
                      }
                    >
                      {standing === 'needs_renewal'
                        ? t('privacyCentre.me.renew')
                        : t('privacyCentre.me.accept')}
                    </Button>
                  </Space>
                )}
              </Card>
            ) : (
              <Alert type="info" showIcon title={t('privacyCentre.me.noNotice')} />
            )}
            <Card size="small">
              <Typography.Paragraph>{t('privacyCentre.me.alternatives')}</Typography.Paragraph>
              {!data.alternatives.pin && (
                <Typography.Paragraph type="secondary">{t('privacyCentre.me.noPin')}</Typography.Paragraph>
              )}
              <Space wrap>
                <Link to="/me/punch-code">
                  <Button>{t('privacyCentre.me.qrCode')}</Button>
                </Link>
                {data.active && (
                  <Popconfirm
                    title={t('privacyCentre.me.withdrawConfirm')}
                    onConfirm={() =>
                      act(
                        () => privacyApi.withdrawMyConsent(),
                        (r: { templatesDeleted: number }) =>
                          t('privacyCentre.me.withdrawn', { count: r.templatesDeleted }),
                      )
                    }
                  >
                    <Button danger loading={busy}>
                      {t('privacyCentre.me.withdraw')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </Card>
            {data.history.length > 0 && (
              <Card size="small" title={t('privacyCentre.me.history')}>
                <List
                  size="small"
                  dataSource={data.history}
                  renderItem={(c) => (
                    <List.Item>
                      <Space wrap>
                        <span>{formatInstant(c.acceptedAt)}</span>
                        <Tag>{c.noticeVersion}</Tag>
                        <span>{t(`privacyCentre.records.methods.${c.method}`)}</span>
                        <Tag color={c.active ? 'green' : c.withdrawnAt ? 'red' : 'default'}>
                          {t(
                            `privacyCentre.records.states.${c.active ? 'current' : c.withdrawnAt ? 'withdrawn' : 'superseded'}`,
                          )}
                        </Tag>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            )}
          </Space>
        )}
      </div>
    </div>
  );
}
