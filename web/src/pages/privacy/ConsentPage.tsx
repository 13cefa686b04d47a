// Consent (同意管理): the versions of the notice employees read before giving the biometric consent (draft from
// the live settings, edit, publish), and everyone's consent records with their standing and the exportable
// history.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { type Notice, type NoticeContent, privacyApi, type RecordState } from './api';
import { NoticeEditor } from './NoticeEditor';

const STATE_COLOURS: Record<RecordState, string> = {
  current: 'green',
  needs_renewal: 'orange',
  none: 'default',
  withdrawn: 'red',
  superseded: 'default',
};

type Editing = { notice: Notice | null; content: NoticeContent; readOnly: boolean } | null;

function NoticesTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const manage = can('privacy.manage');
  const { data, error, loading, reload } = useLoad(() => privacyApi.notices(), []);
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState(false);

  if (error) return <LoadError error={error} onRetry={reload} />;
  const current = data?.find((n) => n.status === 'published');

  const startNew = async () => {
    try {
      setEditing({ notice: null, content: await privacyApi.template(), readOnly: false });
    } catch (err) {
      notify.fail(err);
    }
  };

  const save = async ({ version, content }: { version: string; content: NoticeContent }) => {
    setBusy(true);
    try {
      if (editing?.notice) await privacyApi.updateNotice(editing.notice.id, content);
      else await privacyApi.createNotice(version.trim(), content);
      notify.ok(t('privacyCentre.notices.saved'));
      setEditing(null);
      reload();
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notify.ok(done);
      reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {current ? (
        <Alert
          type="success"
          showIcon
          title={t('privacyCentre.notices.current', { version: current.version })}
        />
      ) : (
        !loading && <Alert type="warning" showIcon title={t('privacyCentre.notices.none')} />
      )}
      {manage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={startNew}>
          {t('privacyCentre.notices.new')}
        </Button>
      )}
      <Table<Notice>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        columns={[
          { title: t('privacyCentre.notices.version'), dataIndex: 'version' },
          {
            title: t('privacyCentre.notices.status'),
            dataIndex: 'status',
            render: (s: Notice['status'], n) =>
              s === 'draft' ? (
                <Tag>{t('privacyCentre.notices.draft')}</Tag>
              ) : (
                <Tag color={n.id === current?.id ? 'green' : 'default'}>
                  {t('privacyCentre.notices.published')}
                </Tag>
              ),
          },
          { title: t('privacyCentre.notices.createdBy'), dataIndex: 'createdByName' },
          {
            title: t('privacyCentre.notices.publishedAt'),
            dataIndex: 'publishedAt',
            render: (v: string | null) => formatInstant(v),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, n) => (
              <Space wrap>
                {n.status === 'draft' && manage ? (
                  <>
                    <Button
                      size="small"
                      onClick={() => setEditing({ notice: n, content: n.content, readOnly: false })}
                    >
                      {t('privacyCentre.notices.edit')}
                    </Button>
                    <Popconfirm
                      title={t('privacyCentre.notices.publishConfirm', { version: n.version })}
                      onConfirm={() =>
                        act(
                          () => privacyApi.publishNotice(n.id),
                          t('privacyCentre.notices.published_ok', { version: n.version }),
                        )
                      }
                    >
                      <Button size="small" type="primary">
                        {t('privacyCentre.notices.publish')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t('privacyCentre.notices.deleteConfirm')}
                      onConfirm={() =>
                        act(() => privacyApi.deleteNotice(n.id), t('privacyCentre.notices.saved'))
                      }
                    >
                      <Button size="small" danger>
                        {t('privacyCentre.notices.deleteDraft')}
                      </Button>
                    </Popconfirm>
                  </>
                ) : (
                  <Button
                    size="small"
                    onClick={() => setEditing({ notice: n, content: n.content, readOnly: true })}
                  >
                    {t('privacyCentre.notices.view')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <NoticeEditor
        open={editing !== null}
        isNew={editing !== null && editing.notice === null}
        readOnly={editing?.readOnly ?? false}
        title={editing?.notice ? editing.notice.version : t('privacyCentre.notices.new')}
        initial={editing?.content ?? null}
        busy={busy}
        onCancel={() => setEditing(null)}
        onSave={save}
      />
    </Space>
  );
}

function RecordsTab() {
  const { t } = useTranslation();
  const [state, setState] = useState<RecordState | undefined>(undefined);
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const { data, error, loading, reload } = useLoad(
    () => privacyApi.records({ state, limit: pageSize, offset: (page - 1) * pageSize }),
    [state, page],
  );
  if (error) return <LoadError error={error} onRetry={reload} />;
  const states: RecordState[] = ['current', 'needs_renewal', 'withdrawn', 'superseded'];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {data &&
          states.map((s) => (
            <Tag key={s} color={STATE_COLOURS[s]}>
              {t(`privacyCentre.records.states.${s}`)}: {data.summary[s as keyof typeof data.summary]}
            </Tag>
          ))}
        {data && (
          <Tag color="default">
            {t('privacyCentre.records.without')}: {data.summary.without}
          </Tag>
        )}
      </Space>
      <Space wrap>
        <Select<RecordState | undefined>
          style={{ width: 200 }}
          value={state}
          allowClear
          placeholder={t('privacyCentre.records.allStates')}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={states.map((s) => ({ value: s, label: t(`privacyCentre.records.states.${s}`) }))}
        />
        <Button icon={<DownloadOutlined />} href="/api/consent/records/export?format=csv" download>
          {t('privacyCentre.records.exportCsv')}
        </Button>
        <Button icon={<DownloadOutlined />} href="/api/consent/records/export?format=xlsx" download>
          {t('privacyCentre.records.exportXlsx')}
        </Button>
      </Space>
      <Table
        rowKey="consentId"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('privacyCentre.records.employee'),
            key: 'employee',
            render: (_, r) => `${r.employeeNo} · ${r.employeeName}`,
          },
          { title: t('privacyCentre.records.department'), dataIndex: 'departmentName' },
          { title: t('privacyCentre.records.version'), dataIndex: 'noticeVersion' },
          {
            title: t('privacyCentre.records.method'),
            dataIndex: 'method',
            render: (m: 'hr_paper' | 'self_service') => t(`privacyCentre.records.methods.${m}`),
          },
          {
            title: t('privacyCentre.records.acceptedAt'),
            dataIndex: 'acceptedAt',
            render: (v: string) => formatInstant(v),
          },
          {
            title: t('privacyCentre.records.closedAt'),
            key: 'closed',
            render: (_, r) => formatInstant(r.withdrawnAt ?? r.supersededAt),
          },
          {
            title: t('privacyCentre.records.state'),
            dataIndex: 'state',
            render: (s: RecordState) => (
              <Tag color={STATE_COLOURS[s]}>{t(`privacyCentre.records.states.${s}`)}</Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}

export default function ConsentPage() {
  const { t } = useTranslation();
  return (
    <Card>
      <Tabs
        items={[
          { key: 'notices', label: t('privacyCentre.notices.tab'), children: <NoticesTab /> },
          { key: 'records', label: t('privacyCentre.records.tab'), children: <RecordsTab /> },
        ]}
      />
    </Card>
  );
}
