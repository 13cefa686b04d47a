// System status (应急预案): database, face engine, scheduled jobs and their last runs, backups (warning when
// old), kiosks online and offline, the data key, and the maintenance mode.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { translateDynamic } from '../../i18n';
import { type Level, operationsApi } from './api';

const ALERT: Record<Level, 'success' | 'warning' | 'error'> = {
  ok: 'success',
  warning: 'warning',
  error: 'error',
};
const STATE: Record<string, 'success' | 'error' | 'default'> = { online: 'success', offline: 'error' };

export default function StatusPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => operationsApi.status(), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <Card loading={loading} />;
  const s = data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Alert
        type={ALERT[s.level]}
        showIcon
        title={t(`operations.status.levels.${s.level}`)}
        description={
          s.warnings.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {s.warnings.map((w) => (
                <li key={`${w.code}-${JSON.stringify(w.params)}`}>
                  {translateDynamic(`operations.status.warnings.${w.code}`, w.code, w.params)}
                </li>
              ))}
            </ul>
          )
        }
        action={
          <Space direction="vertical" align="end">
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
              {t('operations.status.refresh')}
            </Button>
            <Typography.Text type="secondary">
              {t('operations.status.checkedAt', { time: formatInstant(s.checkedAt) })}
            </Typography.Text>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('operations.status.database')} size="small">
            <Badge
              status={s.database.ok ? 'success' : 'error'}
              text={`${s.database.dialect} · ${
                s.database.ok
                  ? t('operations.status.latency', { ms: s.database.latencyMs })
                  : t('operations.status.down')
              }`}
            />
            {s.database.error && (
              <Typography.Paragraph type="danger">{s.database.error}</Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('operations.status.faceEngine')} size="small">
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={s.faceEngine.model} span={2}>
                {s.faceEngine.loaded
                  ? `${t('operations.status.loaded')} (${s.faceEngine.backend ?? ''})`
                  : t('operations.status.notLoaded')}
              </Descriptions.Item>
              <Descriptions.Item label={t('operations.status.templates')}>
                {s.faceEngine.templates}
              </Descriptions.Item>
              <Descriptions.Item label={t('operations.status.indexed')}>
                {s.faceEngine.indexed}
              </Descriptions.Item>
              <Descriptions.Item label={t('operations.status.stale')}>{s.faceEngine.stale}</Descriptions.Item>
              <Descriptions.Item label={t('operations.status.unreadable')}>
                {s.faceEngine.unreadable}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('operations.status.backup')} size="small">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('operations.status.lastBackup')}>
                {s.backup.last
                  ? `${formatInstant(s.backup.last.createdAt)} (${t('operations.status.ageHours', {
                      hours: s.backup.last.ageHours,
                    })})`
                  : t('operations.status.noBackup')}
              </Descriptions.Item>
              <Descriptions.Item label={t('operations.status.backupCount')}>
                {s.backup.count}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('operations.status.keys')} size="small">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('operations.status.keyId')}>
                <Typography.Text code>{s.keys.current}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('operations.status.keysInFile')}>{s.keys.inFile}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <Card
        title={t('operations.status.devices')}
        size="small"
        extra={
          <Space>
            <Tag color="green">
              {t('operations.status.online')}: {s.devices.online}
            </Tag>
            <Tag color="red">
              {t('operations.status.offline')}: {s.devices.offline}
            </Tag>
            <Tag>
              {t('operations.status.pending')}: {s.devices.pending}
            </Tag>
          </Space>
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={s.devices.items}
          columns={[
            { title: t('operations.status.devices'), dataIndex: 'name' },
            {
              title: t('operations.status.online'),
              dataIndex: 'state',
              render: (v: string) => (
                <Badge status={STATE[v] ?? 'default'} text={translateDynamic(`operations.status.${v}`, v)} />
              ),
            },
            {
              title: t('operations.status.lastSeen'),
              dataIndex: 'lastSeenAt',
              render: (v: string | null) => formatInstant(v),
            },
          ]}
        />
      </Card>
      <Card title={t('operations.status.jobs')} size="small">
        <Table
          rowKey="job"
          size="small"
          pagination={false}
          dataSource={s.jobs}
          locale={{ emptyText: t('operations.status.noJobs') }}
          columns={[
            { title: t('operations.status.job'), dataIndex: 'job' },
            {
              title: t('operations.status.lastRun'),
              dataIndex: 'startedAt',
              render: (v: string) => formatInstant(v),
            },
            {
              title: t('operations.status.result'),
              dataIndex: 'status',
              render: (v: 'ok' | 'failed' | 'running') => (
                <Tag color={v === 'ok' ? 'green' : v === 'failed' ? 'red' : 'blue'}>
                  {t(`operations.status.jobStatus.${v}`)}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
