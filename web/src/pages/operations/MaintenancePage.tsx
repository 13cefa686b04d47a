// Maintenance (维护): switch the maintenance mode on with a message and a planned end (a banner in the console,
// a notice on the kiosks) and off with what happened and what was done; log incidents and drills; download the
// maintenance report.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { type EntryKind, type MaintenanceEntry, operationsApi } from './api';

const KINDS: EntryKind[] = ['maintenance', 'incident', 'drill'];
const KIND_COLOURS: Record<EntryKind, string> = { maintenance: 'blue', incident: 'red', drill: 'purple' };

interface EntryForm {
  kind: EntryKind;
  title: string;
  startedAt: Dayjs;
  endedAt?: Dayjs | null;
  whatHappened?: string;
  actions?: string;
}

export default function MaintenancePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const manage = can('operations.manage');
  const notice = useLoad(() => operationsApi.notice(), []);
  const [kind, setKind] = useState<EntryKind | undefined>(undefined);
  const [page, setPage] = useState(1);
  const log = useLoad(() => operationsApi.log({ kind, limit: 20, offset: (page - 1) * 20 }), [kind, page]);
  const [modal, setModal] = useState<'start' | 'end' | { entry: MaintenanceEntry | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [startForm] = Form.useForm<{ title: string; message?: string; plannedEnd?: Dayjs | null }>();
  const [endForm] = Form.useForm<{ whatHappened?: string; actions?: string }>();
  const [entryForm] = Form.useForm<EntryForm>();

  const active = notice.data?.maintenance ?? null;
  const reloadAll = () => {
    notice.reload();
    log.reload();
    window.dispatchEvent(new Event('faceclock:maintenance'));
  };

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      notify.ok(done);
      setModal(null);
      reloadAll();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const openEntry = (entry: MaintenanceEntry | null) => {
    entryForm.setFieldsValue(
      entry
        ? {
            kind: entry.kind,
            title: entry.title,
            startedAt: dayjs(entry.startedAt),
            endedAt: entry.endedAt ? dayjs(entry.endedAt) : null,
            whatHappened: entry.whatHappened,
            actions: entry.actions,
          }
        : { kind: 'incident', title: '', startedAt: dayjs(), endedAt: null, whatHappened: '', actions: '' },
    );
    setModal({ entry });
  };

  const saveEntry = async () => {
    const v = await entryForm.validateFields();
    const body = {
      kind: v.kind,
      title: v.title.trim(),
      startedAt: v.startedAt.toISOString(),
      endedAt: v.endedAt ? v.endedAt.toISOString() : null,
      whatHappened: v.whatHappened ?? '',
      actions: v.actions ?? '',
    };
    const entry = typeof modal === 'object' && modal ? modal.entry : null;
    await run(
      () => (entry ? operationsApi.update(entry.id, body) : operationsApi.create(body)),
      t('operations.maintenance.saved'),
    );
  };

  if (notice.error) return <LoadError error={notice.error} onRetry={notice.reload} />;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('operations.maintenance.mode')} loading={notice.loading}>
        {active ? (
          <Alert
            type="warning"
            showIcon
            title={`${t('operations.maintenance.on', { since: formatInstant(active.startedAt) })} ${active.title}`}
            description={
              <>
                {active.message && <div>{active.message}</div>}
                {active.plannedEnd && (
                  <div>
                    {t('operations.maintenance.bannerUntil', { time: formatInstant(active.plannedEnd) })}
                  </div>
                )}
              </>
            }
            action={
              manage && (
                <Button
                  danger
                  onClick={() => {
                    endForm.resetFields();
                    setModal('end');
                  }}
                >
                  {t('operations.maintenance.end')}
                </Button>
              )
            }
          />
        ) : (
          <Space>
            <span>{t('operations.maintenance.off')}</span>
            {manage && (
              <Button
                type="primary"
                onClick={() => {
                  startForm.resetFields();
                  setModal('start');
                }}
              >
                {t('operations.maintenance.start')}
              </Button>
            )}
          </Space>
        )}
      </Card>

      <Card
        title={t('operations.maintenance.log')}
        extra={
          <Space wrap>
            <Select<EntryKind | undefined>
              allowClear
              style={{ width: 140 }}
              placeholder={t('operations.maintenance.kind')}
              value={kind}
              onChange={(v) => {
                setKind(v);
                setPage(1);
              }}
              options={KINDS.map((k) => ({ value: k, label: t(`operations.maintenance.kinds.${k}`) }))}
            />
            <Button
              icon={<DownloadOutlined />}
              href={`/api/operations/maintenance-log/export?format=csv${kind ? `&kind=${kind}` : ''}`}
              download
            >
              {t('operations.maintenance.exportCsv')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={`/api/operations/maintenance-log/export?format=xlsx${kind ? `&kind=${kind}` : ''}`}
              download
            >
              {t('operations.maintenance.exportXlsx')}
            </Button>
            {manage && (
              <Button icon={<PlusOutlined />} onClick={() => openEntry(null)}>
                {t('operations.maintenance.addEntry')}
              </Button>
            )}
          </Space>
        }
      >
        {log.error ? (
          <LoadError error={log.error} onRetry={log.reload} />
        ) : (
          <Table<MaintenanceEntry>
            rowKey="id"
            size="small"
            loading={log.loading}
            dataSource={log.data?.items ?? []}
            pagination={{ current: page, pageSize: 20, total: log.data?.total ?? 0, onChange: setPage }}
            columns={[
              {
                title: t('operations.maintenance.kind'),
                dataIndex: 'kind',
                render: (k: EntryKind) => (
                  <Tag color={KIND_COLOURS[k]}>{t(`operations.maintenance.kinds.${k}`)}</Tag>
                ),
              },
              { title: t('operations.maintenance.title'), dataIndex: 'title' },
              {
                title: t('operations.maintenance.startedAt'),
                dataIndex: 'startedAt',
                render: (v: string) => formatInstant(v),
              },
              {
                title: t('operations.maintenance.endedAt'),
                dataIndex: 'endedAt',
                render: (v: string | null) => formatInstant(v),
              },
              { title: t('operations.maintenance.whatHappened'), dataIndex: 'whatHappened' },
              { title: t('operations.maintenance.actions'), dataIndex: 'actions' },
              { title: t('operations.maintenance.by'), dataIndex: 'createdByName' },
              ...(manage
                ? [
                    {
                      title: t('common.actions'),
                      key: 'edit',
                      render: (_: unknown, e: MaintenanceEntry) => (
                        <Button size="small" onClick={() => openEntry(e)}>
                          {t('operations.maintenance.edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>

      <Modal
        open={modal === 'start'}
        title={t('operations.maintenance.start')}
        onCancel={() => setModal(null)}
        okButtonProps={{ loading: busy }}
        onOk={async () => {
          const v = await startForm.validateFields();
          await run(
            () =>
              operationsApi.start({
                title: v.title.trim(),
                message: v.message?.trim() || undefined,
                plannedEnd: v.plannedEnd ? v.plannedEnd.toISOString() : null,
              }),
            t('operations.maintenance.started'),
          );
        }}
        destroyOnHidden
      >
        <Form form={startForm} name="maintenanceStart" layout="vertical">
          <Form.Item
            name="title"
            label={t('operations.maintenance.title')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="message" label={t('operations.maintenance.message')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="plannedEnd" label={t('operations.maintenance.plannedEnd')}>
            <DatePicker showTime disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={modal === 'end'}
        title={t('operations.maintenance.endConfirm')}
        onCancel={() => setModal(null)}
        okButtonProps={{ loading: busy, danger: true }}
        okText={t('operations.maintenance.end')}
        onOk={async () => {
          const v = await endForm.validateFields();
          await run(() => operationsApi.end(v), t('operations.maintenance.ended'));
        }}
        destroyOnHidden
      >
        <Form form={endForm} name="maintenanceEnd" layout="vertical">
          <Form.Item name="whatHappened" label={t('operations.maintenance.whatHappened')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="actions" label={t('operations.maintenance.actions')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={typeof modal === 'object' && modal !== null}
        title={t(
          typeof modal === 'object' && modal?.entry
            ? 'operations.maintenance.edit'
            : 'operations.maintenance.addEntry',
        )}
        onCancel={() => setModal(null)}
        okButtonProps={{ loading: busy }}
        onOk={saveEntry}
        forceRender
      >
        <Form form={entryForm} name="maintenanceEntry" layout="vertical">
          <Form.Item name="kind" label={t('operations.maintenance.kind')} rules={[{ required: true }]}>
            <Select
              options={KINDS.map((k) => ({ value: k, label: t(`operations.maintenance.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('operations.maintenance.title')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name="startedAt"
              label={t('operations.maintenance.startedAt')}
              rules={[{ required: true }]}
            >
              <DatePicker showTime />
            </Form.Item>
            <Form.Item name="endedAt" label={t('operations.maintenance.endedAt')}>
              <DatePicker showTime />
            </Form.Item>
          </Space>
          <Form.Item name="whatHappened" label={t('operations.maintenance.whatHappened')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="actions" label={t('operations.maintenance.actions')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
