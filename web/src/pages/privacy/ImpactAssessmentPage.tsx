// The draft impact assessment (个人信息保护影响评估): download it as Markdown or PDF, in Chinese or English.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const href = (format: 'md' | 'pdf', language: 'zh-CN' | 'en') =>
  `/api/privacy/impact-assessment?format=${format}&language=${language}`;

export default function ImpactAssessmentPage() {
  const { t } = useTranslation();
  const row = (language: 'zh-CN' | 'en') => (
    <Space wrap>
      {(['pdf', 'md'] as const).map((format) => (
        <Button key={format} icon={<DownloadOutlined />} href={href(format, language)} download>
          {t(format === 'pdf' ? 'privacyCentre.assessment.pdf' : 'privacyCentre.assessment.markdown')}
        </Button>
      ))}
    </Space>
  );
  return (
    <Card>
      <Typography.Paragraph style={{ maxWidth: 760 }}>
        {t('privacyCentre.assessment.intro')}
      </Typography.Paragraph>
      <Descriptions column={1} bordered size="small" style={{ maxWidth: 560 }}>
        <Descriptions.Item label={t('privacyCentre.assessment.chinese')}>{row('zh-CN')}</Descriptions.Item>
        <Descriptions.Item label={t('privacyCentre.assessment.english')}>{row('en')}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
