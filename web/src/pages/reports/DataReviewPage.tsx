// The monthly data review (月度数据核对): what in a month's records did not come from a clean face punch —
// days changed by hand, approved punch corrections, punches by PIN, QR, import or by hand, and face punches
// with a low match margin. HR marks the month reviewed; only then can it be closed.
import { CheckCircleOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { type MonthReview, previousMonth, type ReviewItem, type ReviewKind } from './api';
import { DepartmentFilter } from './DepartmentFilter';
import { ExportButtons } from './ExportButtons';

const KINDS: ReviewKind[] = ['manualDay', 'correction', 'nonFacePunch', 'lowMargin'];
const COLOURS: Record<ReviewKind, string> = {
  manualDay: 'orange',
  correction: 'blue',
  nonFacePunch: 'purple',
  lowMargin: 'red',
};

export default function DataReviewPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const [month, setMonth] = useState(previousMonth());
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const [marginBelow, setMarginBelow] = useState(0.03);
  const [kind, setKind] = useState<ReviewKind | 'all'>('all');
  const [marking, setMarking] = useState(false);
  const [note, setNote] = useState('');
  const review = useLoad(
    () => api.get<MonthReview>('/api/reports/review', { month, departmentId, marginBelow }),
    [month, departmentId, marginBelow],
  );
  const data = review.data;

  const mark = async () => {
    try {
      await api.post('/api/reports/review/reviewed', { month, note });
      notify.ok(t('reports.review.marked', { month }));
      setMarking(false);
      setNote('');
      review.reload();
    } catch (err) {
      notify.fail(err);
    }
  };
  const unmark = () =>
    Modal.confirm({
      title: t('reports.review.unmarkConfirm', { month }),
      okText: t('reports.review.unmark'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.post('/api/reports/review/unreviewed', { month });
          review.reload();
        } catch (err) {
          notify.fail(err);
        }
      },
    });

  const columns: ColumnsType<ReviewItem> = [
    {
      title: t('reports.review.kind'),
      dataIndex: 'kind',
      render: (k: ReviewKind) => <Tag color={COLOURS[k]}>{t(`reports.review.kinds.${k}`)}</Tag>,
    },
    { title: t('reports.review.date'), dataIndex: 'date', width: 110 },
    { title: t('reports.review.employee'), key: 'employee', render: (_, r) => `${r.employeeNo} · ${r.name}` },
    { title: t('reports.department'), dataIndex: 'department' },
    {
      title: t('reports.review.time'),
      dataIndex: 'at',
      render: (at: string | null) => (at ? dayjs(at).format('HH:mm') : ''),
    },
    {
      title: t('reports.review.method'),
      dataIndex: 'method',
      render: (m: string | null) =>
        m ? t(`reports.review.methods.${m}` as 'reports.review.methods.face') : '',
    },
    {
      title: t('reports.review.margin'),
      dataIndex: 'matchMargin',
      align: 'right',
      render: (m: number | null) => (m === null ? '' : m.toFixed(3)),
    },
    { title: t('reports.review.detail'), dataIndex: 'detail', ellipsis: true },
  ];
  const items = (data?.items ?? []).filter((i) => kind === 'all' || i.kind === kind);
  const canMark = can('months.close') && departmentId === undefined;

  return (
    <Card>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(v) => v && setMonth(v.format('YYYY-MM'))}
        />
        <DepartmentFilter value={departmentId} onChange={setDepartmentId} />
        <Space>
          {t('reports.review.marginBelow')}
          <InputNumber
            min={0}
            max={1}
            step={0.01}
            value={marginBelow}
            onChange={(v) => v !== null && setMarginBelow(v)}
            aria-label={t('reports.review.marginBelow')}
          />
        </Space>
      </Flex>
      {review.error ? (
        <LoadError error={review.error} onRetry={review.reload} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {data?.reviewed ? (
            <Alert
              type="success"
              showIcon
              title={t('reports.review.reviewedBy', {
                by: data.reviewed.by,
                at: dayjs(data.reviewed.at).format('YYYY-MM-DD HH:mm'),
              })}
              description={data.reviewed.note ?? undefined}
              action={
                canMark && !data.closed ? (
                  <Button size="small" icon={<UndoOutlined />} onClick={unmark}>
                    {t('reports.review.unmark')}
                  </Button>
                ) : undefined
              }
            />
          ) : data ? (
            <Alert
              type="warning"
              showIcon
              title={t('reports.review.notReviewed')}
              action={
                canMark && !data.closed ? (
                  <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setMarking(true)}>
                    {t('reports.review.mark')}
                  </Button>
                ) : undefined
              }
            />
          ) : null}
          {data?.closed && <Tag color="red">{t('reports.review.closed')}</Tag>}
          <ExportButtons
            report="review"
            month={month}
            departmentId={departmentId}
            marginBelow={marginBelow}
          />
          <Flex gap={32} wrap>
            {KINDS.map((k) => (
              <Statistic key={k} title={t(`reports.review.kinds.${k}`)} value={data?.counts[k] ?? 0} />
            ))}
          </Flex>
          <Segmented<ReviewKind | 'all'>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: t('reports.review.all') },
              ...KINDS.map((k) => ({ value: k, label: t(`reports.review.kinds.${k}`) })),
            ]}
          />
          <Table<ReviewItem>
            size="small"
            rowKey={(r) => `${r.kind}-${r.employeeId}-${r.date}-${r.punchId ?? r.requestId ?? ''}`}
            loading={review.loading}
            columns={columns}
            dataSource={items}
            pagination={{ defaultPageSize: 50 }}
            scroll={{ x: 'max-content' }}
          />
        </Space>
      )}
      <Modal
        open={marking}
        title={t('reports.review.markTitle', { month })}
        okText={t('reports.review.mark')}
        cancelText={t('common.cancel')}
        onOk={mark}
        onCancel={() => setMarking(false)}
      >
        <p>{t('reports.review.markHelp')}</p>
        <Input.TextArea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('reports.review.notePlaceholder')}
        />
      </Modal>
    </Card>
  );
}
