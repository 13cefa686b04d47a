// The audit log: who did what, to which record, when and from where; filters, paging, and a check of the
// hash chain that names the first entry changed, removed or reordered.
import { CheckCircleOutlined, SafetyOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AuditEntry, AuditVerifyResult, Paged } from '../../api/types';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { toApiError, useLoad } from '../../components/useLoad';
import { translateDynamic } from '../../i18n';
import { actionLabel, knownActions, knownTargetTypes, targetTypeLabel } from './auditLabels';

interface FilterForm {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
}

interface Query {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
}

function toQuery(values: FilterForm): Query {
  const [start, end] = values.range ?? [null, null];
  return {
    from: start ? start.startOf('day').toISOString() : undefined,
    // The server's "to" is exclusive: the end of the chosen day is the start of the next.
    to: end ? end.add(1, 'day').startOf('day').toISOString() : undefined,
    actor: values.actor?.trim() || undefined,
    action: values.action,
    targetType: values.targetType,
    targetId: values.targetId?.trim() || undefined,
  };
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterForm>();
  const [query, setQuery] = useState<Query>({});
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | { error: string } | null>(null);

  const list = useLoad(
    () =>
      api.get<Paged<AuditEntry>>('/api/audit', {
        ...query,
        limit: page.pageSize,
        offset: (page.current - 1) * page.pageSize,
      }),
    [query, page],
  );

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await api.get<AuditVerifyResult>('/api/audit/verify'));
    } catch (err) {
      setVerify({ error: toApiError(err).message });
    } finally {
      setVerifying(false);
    }
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.fields.id'), dataIndex: 'id', width: 80 },
    { title: t('audit.fields.at'), dataIndex: 'at', width: 180, render: formatInstant },
    { title: t('audit.fields.actor'), dataIndex: 'actorName', width: 140 },
    {
      title: t('audit.fields.action'),
      dataIndex: 'action',
      render: (action: string) => (
        <Space orientation="vertical" size={0}>
          <span>{actionLabel(action)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {action}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.fields.target'),
      key: 'target',
      render: (_, e) =>
        e.targetType ? `${targetTypeLabel(e.targetType)}${e.targetId ? ` #${e.targetId}` : ''}` : '',
    },
    { title: t('audit.fields.ip'), dataIndex: 'ip', width: 130 },
  ];

  const verifyAlert = () => {
    if (!verify) return null;
    if ('error' in verify)
      return (
        <Alert type="error" showIcon title={verify.error} closable={{ onClose: () => setVerify(null) }} />
      );
    if (verify.ok) {
      return (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          title={t('audit.verifyOk', { count: verify.checked })}
          closable={{ onClose: () => setVerify(null) }}
        />
      );
    }
    const problem = verify.break
      ? translateDynamic(`audit.problems.${verify.break.problem}`, verify.break.problem)
      : '';
    return (
      <Alert
        type="error"
        showIcon
        title={t('audit.verifyBroken', { id: verify.break?.id ?? '?', problem })}
        description={
          verify.break?.at
            ? t('audit.verifyBrokenDetail', {
                at: formatInstant(verify.break.at),
                action: verify.break.action ? actionLabel(verify.break.action) : '',
                count: verify.checked,
              })
            : undefined
        }
        closable={{ onClose: () => setVerify(null) }}
      />
    );
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Form<FilterForm>
          form={form}
          layout="inline"
          onFinish={(values) => {
            setQuery(toQuery(values));
            setPage((p) => ({ ...p, current: 1 }));
          }}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="range" label={t('audit.filters.period')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.fields.actor')}>
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.fields.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200 }}
              popupMatchSelectWidth={false}
              options={knownActions.map((a) => ({ value: a, label: actionLabel(a) }))}
            />
          </Form.Item>
          <Form.Item name="targetType" label={t('audit.filters.targetType')}>
            <Select
              allowClear
              style={{ width: 130 }}
              options={knownTargetTypes.map((v) => ({ value: v, label: targetTypeLabel(v) }))}
            />
          </Form.Item>
          <Form.Item name="targetId" label={t('audit.filters.targetId')}>
            <Input allowClear style={{ width: 100 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setQuery({});
                setPage((p) => ({ ...p, current: 1 }));
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card
        title={t('audit.entries')}
        extra={
          <Button icon={<SafetyOutlined />} loading={verifying} onClick={runVerify}>
            {t('audit.verify')}
          </Button>
        }
      >
        {verify && <div style={{ marginBottom: 16 }}>{verifyAlert()}</div>}
        {list.error && <LoadError error={list.error} onRetry={list.reload} />}
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          expandable={{
            rowExpandable: (e) => Object.keys(e.details).length > 0,
            expandedRowRender: (e) => (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>
                {JSON.stringify(e.details, null, 2)}
              </pre>
            ),
          }}
          locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          pagination={{
            current: page.current,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('audit.total', { count: total }),
            onChange: (current, pageSize) => setPage({ current, pageSize }),
          }}
        />
      </Card>
    </Space>
  );
}
