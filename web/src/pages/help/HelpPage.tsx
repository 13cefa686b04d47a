// Help: the operating guide and the frequently asked questions, in the reader's language, with a way to ask HR.
import { Button, Card, Collapse, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

const SECTIONS = ['punch', 'day', 'requests', 'appeals', 'privacy', 'console'] as const;
const QUESTIONS = ['forgot', 'notRecognised', 'late', 'balance', 'noFace', 'offline'] as const;

export default function HelpPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} style={{ maxWidth: 900 }}>
      <Card title={t('workspace.help.guide')} size="small">
        {SECTIONS.map((s) => (
          <section key={s} data-help={s}>
            <Typography.Title level={5}>{t(`workspace.help.sections.${s}.title`)}</Typography.Title>
            <Typography.Paragraph>{t(`workspace.help.sections.${s}.body`)}</Typography.Paragraph>
          </section>
        ))}
      </Card>
      <Card title={t('workspace.help.faq')} size="small">
        <Collapse
          items={QUESTIONS.map((q) => ({
            key: q,
            label: t(`workspace.help.questions.${q}.q`),
            children: <Typography.Paragraph>{t(`workspace.help.questions.${q}.a`)}</Typography.Paragraph>,
          }))}
        />
      </Card>
      <Link to="/feedback">
        <Button type="primary">{t('workspace.help.ask')}</Button>
      </Link>
    </Flex>
  );
}
