// Import employees or departments from CSV / XLSX: the file is checked first and every problem is listed by
// row and column; "Import" is possible only when there are none, and then writes the whole file at once.
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Radio,
  Row,
  Space,
  Spin,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ImportKind, ImportPreview, ImportProblem } from '../../api/types';
import { toApiError } from '../../components/useLoad';
import { translateDynamic } from '../../i18n';
import { ExportCard } from './ExportCard';
import { ProblemsTable } from './ProblemsTable';

const columnsOf: Record<ImportKind, string[]> = {
  employees: [
    'employee_no',
    'name',
    'department',
    'position',
    'site',
    'hire_date',
    'termination_date',
    'status',
    'phone',
    'email',
  ],
  departments: ['code', 'name', 'parent_code'],
};

const sampleFields: Record<ImportKind, string[]> = {
  employees: ['employeeNo', 'name', 'positionName', 'hireDate', 'status', 'email'],
  departments: ['code', 'name', 'parentCode'],
};

export default function ImportPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('employees');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const [done, setDone] = useState<ImportPreview | null>(null);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setProblems([]);
    setError(null);
  };

  const check = async (next: File, nextKind = kind) => {
    reset();
    setDone(null);
    setFile(next);
    setBusy('checking');
    try {
      const result = await api.upload<ImportPreview>(`/api/imports/${nextKind}/preview`, next);
      setPreview(result);
      setProblems(result.problems);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!file) return;
    setBusy('importing');
    setError(null);
    try {
      const result = await api.upload<ImportPreview>(`/api/imports/${kind}/commit`, file);
      reset();
      setDone(result);
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError.message);
      // The data changed since the check: the server lists the problems it found now.
      if (apiError.code === 'import_has_errors' && Array.isArray(apiError.details)) {
        setProblems(apiError.details as ImportProblem[]);
      }
    } finally {
      setBusy(null);
    }
  };

  const badRows = new Set(problems.map((p) => p.row)).size;
  const canImport = !!preview && problems.length === 0 && preview.validRows > 0 && busy === null;

  return (
    <Row gutter={16}>
      <Col xs={24} xl={17}>
        <Card title={t('import.title')}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text>{t('import.kind')}</Typography.Text>
              <Radio.Group
                optionType="button"
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as ImportKind);
                  reset();
                  setDone(null);
                }}
                options={(['employees', 'departments'] as const).map((k) => ({
                  value: k,
                  label: t(`import.kinds.${k}`),
                }))}
              />
            </Space>
            <Typography.Text type="secondary">
              {t('import.columnsHelp')}{' '}
              {columnsOf[kind].map((c, i) => (
                <span key={c}>
                  {i > 0 && ', '}
                  <Typography.Text code>{c}</Typography.Text> {translateDynamic(`import.columns.${c}`, c)}
                </span>
              ))}
            </Typography.Text>
            <Upload.Dragger
              accept=".csv,.xlsx"
              multiple={false}
              showUploadList={false}
              beforeUpload={(next) => {
                void check(next);
                return false;
              }}
              disabled={busy !== null}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">
                {file ? t('import.chosen', { name: file.name }) : t('import.dropHint')}
              </p>
            </Upload.Dragger>
            {busy === 'checking' && (
              <Space>
                <Spin size="small" />
                <Typography.Text>{t('import.checking')}</Typography.Text>
              </Space>
            )}
            {done && (
              <Alert
                type="success"
                showIcon
                title={t('import.done', { creates: done.creates, updates: done.updates })}
              />
            )}
            {error && <Alert type="error" showIcon title={error} />}
            {preview && (
              <Descriptions
                bordered
                size="small"
                column={4}
                items={[
                  { key: 'total', label: t('import.totalRows'), children: preview.totalRows },
                  { key: 'valid', label: t('import.validRows'), children: preview.validRows },
                  { key: 'creates', label: t('import.creates'), children: preview.creates },
                  { key: 'updates', label: t('import.updates'), children: preview.updates },
                ]}
              />
            )}
            {problems.length > 0 && (
              <>
                <Alert
                  type="error"
                  showIcon
                  title={t('import.problemsFound', { count: problems.length, rows: badRows })}
                  description={t('import.problemsHelp')}
                />
                <ProblemsTable problems={problems} />
              </>
            )}
            {preview && problems.length === 0 && preview.validRows > 0 && (
              <>
                <Alert
                  type="success"
                  showIcon
                  title={t('import.ready', { creates: preview.creates, updates: preview.updates })}
                />
                <Typography.Text strong>{t('import.sample')}</Typography.Text>
                <Table
                  size="small"
                  rowKey={(r) => String(r.row)}
                  dataSource={preview.sample}
                  pagination={{ pageSize: 5, hideOnSinglePage: true }}
                  columns={[
                    { title: t('import.problemRow'), dataIndex: 'row', width: 70 },
                    ...sampleFields[kind].map((f) => ({
                      title: translateDynamic(`import.sampleFields.${f}`, f),
                      dataIndex: f,
                      render: (v: unknown) => (v === null || v === undefined ? '' : String(v)),
                    })),
                  ]}
                />
              </>
            )}
            {preview && preview.validRows === 0 && problems.length === 0 && (
              <Alert type="warning" showIcon title={t('import.noRows')} />
            )}
            <Space>
              <Button
                type="primary"
                icon={<UploadOutlined />}
                disabled={!canImport}
                loading={busy === 'importing'}
                onClick={commit}
              >
                {t('import.commit')}
              </Button>
              {(file || preview) && (
                <Button onClick={reset} disabled={busy !== null}>
                  {t('common.clear')}
                </Button>
              )}
            </Space>
          </Space>
        </Card>
      </Col>
      <Col xs={24} xl={7}>
        <ExportCard />
      </Col>
    </Row>
  );
}
