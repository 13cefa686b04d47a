// Bulk enrollment from a ZIP named by employee number: upload, a background task with its progress, then the
// report with a line per file.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/useNotify';
import { type BulkItem, type BulkReport, type BulkStatus, faceApi, type Task } from './api';
import { camelKey, reasonText } from './reasons';

const STATUS_COLOURS: Record<BulkStatus, string> = {
  enrolled: 'green',
  refused: 'red',
  unknown_employee: 'orange',
  no_consent: 'gold',
  skipped: 'default',
};

export function BulkEnroll({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [zip, setZip] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [task, setTask] = useState<Task<BulkReport> | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = (id: number) => {
    timer.current = setTimeout(async () => {
      try {
        const next = await faceApi.task(id);
        setTask(next);
        if (next.status === 'done' || next.status === 'failed') onDone();
        else poll(id);
      } catch (err) {
        notify.fail(err);
      }
    }, 1000);
  };

  const start = async () => {
    if (!zip) return;
    setUploading(true);
    setTask(null);
    try {
      const started = await faceApi.bulk(zip);
      setTask(started);
      poll(started.id);
    } catch (err) {
      notify.fail(err);
    } finally {
      setUploading(false);
    }
  };

  const report = task?.status === 'done' ? task.result : null;
  const running = task && (task.status === 'queued' || task.status === 'running');
  const columns: ColumnsType<BulkItem> = [
    { title: t('faces.bulk.file'), dataIndex: 'file' },
    { title: t('faces.bulk.employeeNo'), dataIndex: 'employeeNo', render: (v: string | null) => v ?? '–' },
    {
      title: t('faces.bulk.status'),
      dataIndex: 'status',
      render: (v: BulkStatus) => (
        <Tag color={STATUS_COLOURS[v]}>
          {t(`faces.bulk.statuses.${camelKey(v)}` as 'faces.bulk.statuses.enrolled')}
        </Tag>
      ),
    },
    {
      title: t('faces.bulk.reason'),
      render: (_, r) => (r.reason ? reasonText(t, r.reason, r.params) : ''),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('faces.bulk.title')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('faces.bulk.hint')}</Typography.Text>
          <Upload.Dragger
            accept=".zip,application/zip"
            maxCount={1}
            beforeUpload={(file) => {
              setZip(file);
              return false;
            }}
            onRemove={() => setZip(null)}
            fileList={zip ? [{ uid: '1', name: zip.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('faces.bulk.drop')}</p>
          </Upload.Dragger>
          <Button type="primary" disabled={!zip || !!running} loading={uploading} onClick={start}>
            {uploading ? t('faces.bulk.uploading') : t('faces.bulk.start')}
          </Button>
          {running && (
            <>
              <Typography.Text>
                {t('faces.bulk.running', { done: task.progress, total: task.total })}
              </Typography.Text>
              <Progress percent={task.percent ?? 0} status="active" />
            </>
          )}
          {task?.status === 'failed' && (
            <Alert type="error" showIcon title={t('faces.bulk.failed', { error: task.error ?? '' })} />
          )}
        </Space>
      </Card>
      {report && (
        <Card
          size="small"
          title={t('faces.bulk.report')}
          extra={
            <Space>
              <span>{t('faces.bulk.onlyProblems')}</span>
              <Switch size="small" checked={onlyProblems} onChange={setOnlyProblems} />
            </Space>
          }
        >
          <Space wrap style={{ marginBottom: 12 }}>
            {(Object.keys(report.counts) as BulkStatus[]).map((s) => (
              <Tag key={s} color={STATUS_COLOURS[s]}>
                {t(`faces.bulk.statuses.${camelKey(s)}` as 'faces.bulk.statuses.enrolled')}:{' '}
                {report.counts[s]}
              </Tag>
            ))}
          </Space>
          <Table
            rowKey="file"
            size="small"
            columns={columns}
            dataSource={onlyProblems ? report.items.filter((i) => i.status !== 'enrolled') : report.items}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
          />
        </Card>
      )}
    </Space>
  );
}
