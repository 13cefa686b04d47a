// One employee's faces: consent, templates (metadata only), and enrollment by upload or webcam.
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Popconfirm, Row, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { type EnrollResult, type FaceTemplate, faceApi, photosForm } from './api';
import { ConsentCard } from './ConsentCard';
import { reasonText } from './reasons';
import { WebcamCapture } from './WebcamCapture';

interface Props {
  employeeId: number;
  employeeName: string;
  thresholds: Record<string, number>;
  onChanged: () => void;
}

const round = (v: number | undefined) => (v === undefined ? '–' : String(Math.round(v)));

export function EmployeeFaces({ employeeId, employeeName, thresholds, onChanged }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canEnroll = can('faces.enroll');
  const faces = useLoad(() => faceApi.list(employeeId), [employeeId]);
  const consent = useLoad(
    () => (can('consent.read') ? faceApi.consent(employeeId) : Promise.resolve(null)),
    [employeeId],
  );
  const [files, setFiles] = useState<File[]>([]);
  const [captured, setCaptured] = useState<Blob[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<EnrollResult | null>(null);

  const refresh = () => {
    faces.reload();
    consent.reload();
    onChanged();
  };

  const enroll = async (photos: { blob: Blob; name: string }[], source: 'upload' | 'webcam') => {
    setBusy(true);
    try {
      const res = await faceApi.enroll(employeeId, photosForm(photos, source));
      setResult(res);
      if (source === 'upload') setFiles([]);
      else setCaptured([]);
      notify.ok(t('faces.upload.summary', { enrolled: res.enrolled, refused: res.refused }));
      faces.reload();
      onChanged();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (template: FaceTemplate) => {
    try {
      await faceApi.remove(employeeId, template.id);
      notify.ok(t('faces.templates.deleted'));
      refresh();
    } catch (err) {
      notify.fail(err);
    }
  };

  const removeAll = async () => {
    try {
      const res = await faceApi.removeAll(employeeId);
      notify.ok(t('faces.templates.deletedAll', { count: res.deleted }));
      refresh();
    } catch (err) {
      notify.fail(err);
    }
  };

  const columns: ColumnsType<FaceTemplate> = [
    { title: t('faces.templates.created'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    {
      title: t('faces.templates.source'),
      dataIndex: 'source',
      render: (v: FaceTemplate['source']) => t(`faces.templates.sources.${v}`),
    },
    {
      title: t('faces.templates.quality'),
      render: (_, r) =>
        t('faces.templates.qualityText', {
          eyes: round(r.quality.eyeDistancePx),
          sharpness: round(r.quality.sharpness),
          brightness: round(r.quality.brightness),
          yaw: round(r.quality.yawDeg),
        }),
    },
    {
      title: t('faces.templates.model'),
      render: (_, r) => (
        <Space size={4} wrap>
          {r.current ? (
            <Tag color="green">{t('faces.templates.current')}</Tag>
          ) : (
            <Tag color="orange">{t('faces.templates.stale')}</Tag>
          )}
          {r.hasPhoto && <Tag>{t('faces.templates.photoKept')}</Tag>}
        </Space>
      ),
    },
    ...(canEnroll
      ? [
          {
            key: 'actions',
            width: 60,
            render: (_: unknown, r: FaceTemplate) => (
              <Popconfirm title={t('faces.templates.deleteConfirm')} onConfirm={() => remove(r)}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('faces.templates.delete')}
                />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  if (faces.error) return <LoadError error={faces.error} onRetry={faces.reload} />;
  const hasConsent = !!consent.data?.active;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {consent.data && <ConsentCard employeeId={employeeId} consent={consent.data} onChanged={refresh} />}
      <Card
        size="small"
        title={`${t('faces.templates.title')} · ${t('faces.templates.count', { count: faces.data?.count ?? 0 })}`}
        extra={
          canEnroll && (faces.data?.count ?? 0) > 0 ? (
            <Popconfirm
              title={t('faces.templates.deleteAllConfirm', {
                count: faces.data?.count ?? 0,
                name: employeeName,
              })}
              onConfirm={removeAll}
              okButtonProps={{ danger: true }}
            >
              <Button danger size="small">
                {t('faces.templates.deleteAll')}
              </Button>
            </Popconfirm>
          ) : null
        }
      >
        <Table
          rowKey="id"
          size="small"
          loading={faces.loading}
          columns={columns}
          dataSource={faces.data?.templates ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('faces.templates.empty')} /> }}
        />
      </Card>
      {canEnroll && hasConsent && (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('faces.upload.title')}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('faces.upload.hint')}</Typography.Text>
                <Upload
                  multiple
                  accept="image/jpeg,image/png,image/webp"
                  beforeUpload={(file) => {
                    setFiles((f) => [...f, file]);
                    return false;
                  }}
                  onRemove={(file) => setFiles((f) => f.filter((x) => x.name !== file.name))}
                  fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
                >
                  <Button icon={<UploadOutlined />}>{t('faces.upload.choose')}</Button>
                </Upload>
                <Button
                  type="primary"
                  disabled={files.length === 0}
                  loading={busy}
                  onClick={() =>
                    enroll(
                      files.map((f) => ({ blob: f, name: f.name })),
                      'upload',
                    )
                  }
                >
                  {t('faces.upload.enroll', { count: files.length })}
                </Button>
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('faces.webcam.title')}>
              <WebcamCapture
                thresholds={thresholds}
                busy={busy}
                onCapture={(b) => setCaptured((c) => [...c, b])}
              />
              {captured.length > 0 && (
                <Space style={{ marginTop: 12 }} wrap>
                  <Typography.Text>{t('faces.webcam.captured', { count: captured.length })}</Typography.Text>
                  <Button
                    type="primary"
                    loading={busy}
                    onClick={() =>
                      enroll(
                        captured.map((blob, i) => ({ blob, name: `webcam-${i + 1}.jpg` })),
                        'webcam',
                      )
                    }
                  >
                    {t('faces.webcam.enroll')}
                  </Button>
                  <Button onClick={() => setCaptured([])}>{t('faces.webcam.clear')}</Button>
                </Space>
              )}
            </Card>
          </Col>
        </Row>
      )}
      {result && (
        <Card
          size="small"
          title={t('faces.upload.summary', { enrolled: result.enrolled, refused: result.refused })}
        >
          <List
            size="small"
            dataSource={result.results}
            renderItem={(r) => (
              <List.Item>
                <Space>
                  <Tag color={r.status === 'enrolled' ? 'green' : 'red'}>
                    {r.status === 'enrolled' ? t('faces.upload.enrolled') : t('faces.upload.refused')}
                  </Tag>
                  <span>{r.filename}</span>
                  {r.status === 'refused' && (
                    <Typography.Text type="danger">
                      {r.message ?? reasonText(t, r.reason ?? '')}
                    </Typography.Text>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
