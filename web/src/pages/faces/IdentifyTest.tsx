// The identify test: one photo (uploaded or captured) → the decision, the top candidates with their scores, and
// the threshold and margin used, for the roll-out's comparison test.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Progress, Row, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/useNotify';
import { type Candidate, faceApi, type IdentifyResult } from './api';
import { reasonText } from './reasons';
import { WebcamCapture } from './WebcamCapture';

export function IdentifyTest({ thresholds }: { thresholds: Record<string, number> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<IdentifyResult | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  const run = async (photo: Blob, name: string) => {
    setBusy(true);
    setResult(null);
    if (preview) URL.revokeObjectURL(preview);
    setPreview(URL.createObjectURL(photo));
    try {
      setResult(await faceApi.identify(photo, name));
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<Candidate & { rank: number }> = [
    { title: t('faces.identify.rank'), dataIndex: 'rank', width: 70 },
    { title: t('faces.identify.employee'), render: (_, c) => `${c.employeeNo} · ${c.name}` },
    {
      title: t('faces.identify.score'),
      dataIndex: 'score',
      render: (score: number) => (
        <Space>
          <Progress
            percent={Math.max(0, Math.min(100, score * 100))}
            showInfo={false}
            size="small"
            style={{ width: 120 }}
            status={result && score >= result.threshold ? 'success' : 'normal'}
          />
          <span>{score.toFixed(3)}</span>
        </Space>
      ),
    },
  ];

  const d = result?.decision;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('faces.identify.title')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('faces.identify.hint')}</Typography.Text>
            <Upload
              accept="image/jpeg,image/png,image/webp"
              showUploadList={false}
              beforeUpload={(file) => {
                void run(file, file.name);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy}>
                {t('faces.identify.choose')}
              </Button>
            </Upload>
            <WebcamCapture
              thresholds={thresholds}
              busy={busy}
              onCapture={(blob) => run(blob, 'webcam.jpg')}
            />
            {preview && (
              <img src={preview} alt="" style={{ maxWidth: '100%', maxHeight: 240, borderRadius: 6 }} />
            )}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {result && d && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert
              data-testid="identify-decision"
              type={d.outcome === 'match' ? 'success' : d.outcome === 'unknown' ? 'warning' : 'error'}
              showIcon
              title={
                d.outcome === 'match'
                  ? t('faces.identify.match', { name: d.name, employeeNo: d.employeeNo })
                  : d.outcome === 'unknown'
                    ? t('faces.identify.unknown')
                    : t('faces.identify.refused')
              }
              description={
                d.outcome === 'match'
                  ? `${t('faces.identify.score')} ${d.score?.toFixed(3)}`
                  : (d.message ?? reasonText(t, d.reason ?? ''))
              }
            />
            <Typography.Text type="secondary">
              {t('faces.identify.settings', {
                threshold: result.threshold,
                margin: result.margin,
                templates: result.templates,
              })}
            </Typography.Text>
            <Space wrap>
              <Typography.Text>{t('faces.identify.quality')}:</Typography.Text>
              {result.quality.ok ? (
                <Tag color="green">{t('faces.identify.qualityOk')}</Tag>
              ) : (
                result.quality.reasons.map((r) => (
                  <Tag color="red" key={r}>
                    {reasonText(t, r)}
                  </Tag>
                ))
              )}
              <Tag>{t('faces.identify.faces', { count: result.quality.faceCount })}</Tag>
            </Space>
            <Card size="small" title={t('faces.identify.candidates')}>
              <Table
                rowKey="employeeId"
                size="small"
                pagination={false}
                columns={columns}
                dataSource={result.candidates.map((c, i) => ({ ...c, rank: i + 1 }))}
              />
            </Card>
          </Space>
        )}
      </Col>
    </Row>
  );
}
