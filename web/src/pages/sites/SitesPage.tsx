// Sites: where people punch; each has the IANA time zone in which its attendance days are evaluated.
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Site } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { SiteModal } from './SiteModal';

export default function SitesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canWrite = can('org.write');
  const list = useLoad(() => api.get<Site[]>('/api/sites'), []);
  const [editing, setEditing] = useState<{ site: Site | null } | null>(null);

  const remove = async (site: Site) => {
    try {
      await api.delete(`/api/sites/${site.id}`);
      notify.ok(t('sites.deleted', { name: site.name }));
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const columns: ColumnsType<Site> = [
    { title: t('sites.fields.name'), dataIndex: 'name', width: 200 },
    { title: t('sites.fields.address'), dataIndex: 'address', ellipsis: true },
    { title: t('sites.fields.timeZone'), dataIndex: 'timeZone', width: 200 },
    {
      title: t('sites.fields.coordinates'),
      key: 'coordinates',
      width: 200,
      render: (_, s) => (s.latitude !== null && s.longitude !== null ? `${s.latitude}, ${s.longitude}` : ''),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, site) => (
        <Space size={4}>
          <Tooltip title={t('common.edit')}>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('common.edit')}
              onClick={() => setEditing({ site })}
            />
          </Tooltip>
          <Popconfirm
            title={t('sites.deleteConfirm', { name: site.name })}
            description={t('sites.deleteHelp')}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(site)}
          >
            <Tooltip title={t('common.delete')}>
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
              />
            </Tooltip>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Card>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('sites.intro')}</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ site: null })}>
            {t('sites.create')}
          </Button>
        )}
      </Flex>
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<Site>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        pagination={false}
        locale={{ emptyText: <Empty description={t('sites.empty')} /> }}
      />
      <SiteModal
        open={!!editing}
        site={editing?.site ?? null}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          notify.ok(t('sites.saved', { name: saved.name }));
          setEditing(null);
          list.reload();
        }}
      />
    </Card>
  );
}
