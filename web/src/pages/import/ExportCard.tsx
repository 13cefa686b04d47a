import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '../../api/types';

const kinds: ImportKind[] = ['employees', 'departments'];

/** Downloads in the import format: edit the file and import it back. */
export function ExportCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('import.exportTitle')}>
      <Typography.Paragraph type="secondary">{t('import.exportHelp')}</Typography.Paragraph>
      <Space orientation="vertical" size={16}>
        {kinds.map((kind) => (
          <Space key={kind} orientation="vertical" size={6}>
            <Typography.Text strong>{t(`import.kinds.${kind}`)}</Typography.Text>
            <Space wrap>
              {(['xlsx', 'csv'] as const).map((format) => (
                <Button
                  key={format}
                  icon={<DownloadOutlined />}
                  href={`/api/exports/${kind}?format=${format}`}
                  download
                >
                  {format.toUpperCase()}
                </Button>
              ))}
            </Space>
          </Space>
        ))}
      </Space>
    </Card>
  );
}
