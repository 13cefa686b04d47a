// XLSX, CSV and PDF buttons: each starts an export as a background task, shows its progress and, when the
// file is ready, a download link (a report for everyone can take a while).
import { DownloadOutlined, FileExcelOutlined, FilePdfOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useNotify } from '../../components/useNotify';
import { type ExportFormat, language, type ReportKind, type Task } from './api';

const icons = { xlsx: <FileExcelOutlined />, csv: <FileTextOutlined />, pdf: <FilePdfOutlined /> };

export function ExportButtons(props: {
  report: ReportKind;
  date?: string;
  month?: string;
  departmentId?: number;
  marginBelow?: number;
}) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const [task, setTask] = useState<Task | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const poll = (id: number) => {
    timer.current = setTimeout(async () => {
      try {
        const next = await api.get<Task>(`/api/tasks/${id}`);
        setTask(next);
        if (next.status === 'queued' || next.status === 'running') poll(id);
      } catch (err) {
        notify.fail(err);
      }
    }, 500);
  };

  const start = async (format: ExportFormat) => {
    try {
      const started = await api.post<Task>('/api/reports/exports', {
        report: props.report,
        format,
        date: props.date,
        month: props.month,
        departmentId: props.departmentId,
        marginBelow: props.marginBelow,
        language: language(i18n.language),
      });
      setTask(started);
      poll(started.id);
    } catch (err) {
      notify.fail(err);
    }
  };

  const running = task && (task.status === 'queued' || task.status === 'running');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {(['xlsx', 'csv', 'pdf'] as const).map((format) => (
          <Button key={format} icon={icons[format]} onClick={() => start(format)} disabled={!!running}>
            {t('reports.export.as', { format: format.toUpperCase() })}
          </Button>
        ))}
      </Space>
      {running && (
        <div data-testid="export-progress">
          {t('reports.export.running', { done: task.progress, total: task.total })}
          <Progress percent={task.percent ?? 0} status="active" />
        </div>
      )}
      {task?.status === 'done' && task.hasFile && (
        <Alert
          type="success"
          showIcon
          title={t('reports.export.ready', { name: task.fileName ?? '' })}
          action={
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={`/api/tasks/${task.id}/download`}
              download
            >
              {t('reports.export.download')}
            </Button>
          }
        />
      )}
      {task?.status === 'failed' && (
        <Alert type="error" showIcon title={t('reports.export.failed', { error: task.error ?? '' })} />
      )}
    </Space>
  );
}
