// Self-service appeals (申诉): file one about a day's result or a published month, with a reason and files;
// follow each one through its steps.
import { Button, Card, Form, Input, Modal, Radio, Select, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client';
import type { Paged } from '../../../api/types';
import { LoadError } from '../../../components/LoadError';
import { useLoad } from '../../../components/useLoad';
import { useNotify } from '../../../components/useNotify';
import { AppealDrawer } from '../../appeals/AppealDrawer';
import { AppealTable } from '../../appeals/AppealsPage';
import type { Appeal } from '../../assessment/api';

interface NewAppeal {
  target: 'day' | 'month';
  date?: string;
  month?: string;
  reason: string;
}

export default function MyAppealsPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [params] = useSearchParams();
  const [open, setOpen] = useState<number | null>(null);
  const [filing, setFiling] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewAppeal>();
  const target = Form.useWatch('target', form);
  const list = useLoad(() => api.get<Paged<Appeal>>('/api/appeals', { mine: true, limit: 200 }), []);
  const months = useLoad(() => api.get<{ month: string; status: string }[]>('/api/me/statements'), []);
  useEffect(() => {
    const id = Number(params.get('id'));
    if (id) setOpen(id);
    const month = params.get('month');
    if (month) {
      setFiling(true);
      form.setFieldsValue({ target: 'month', month });
    }
  }, [params, form]);

  const submit = async (v: NewAppeal) => {
    setBusy(true);
    try {
      const created = await api.post<Appeal>('/api/appeals', v);
      for (const f of files)
        if (f.originFileObj) await api.upload(`/api/appeals/${created.id}/attachments`, f.originFileObj);
      notify.ok(t('assessment.appeal.submitted'));
      setFiling(false);
      setFiles([]);
      form.resetFields();
      list.reload();
      setOpen(created.id);
    } catch (err) {
      notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      extra={
        <Button type="primary" onClick={() => setFiling(true)}>
          {t('assessment.appeal.new')}
        </Button>
      }
    >
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <AppealTable items={list.data?.items ?? []} loading={list.loading} onOpen={setOpen} />
      <Modal
        open={filing}
        title={t('assessment.appeal.new')}
        onCancel={() => setFiling(false)}
        onOk={() => form.submit()}
        okText={t('assessment.appeal.submit')}
        confirmLoading={busy}
      >
        <Form form={form} layout="vertical" initialValues={{ target: 'day' }} onFinish={submit}>
          <Form.Item name="target" label={t('assessment.appeal.target')}>
            <Radio.Group
              options={(['day', 'month'] as const).map((k) => ({
                value: k,
                label: t(`assessment.appeal.targets.${k}`),
              }))}
            />
          </Form.Item>
          {target === 'month' ? (
            <Form.Item name="month" label={t('assessment.month')} rules={[{ required: true }]}>
              <Select
                options={(months.data ?? [])
                  .filter((m) => m.status === 'published')
                  .map((m) => ({ value: m.month, label: m.month }))}
              />
            </Form.Item>
          ) : (
            <Form.Item name="date" label={t('assessment.appeal.date')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t('assessment.appeal.reason')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item label={t('assessment.appeal.files')}>
            <Upload
              fileList={files}
              beforeUpload={() => false}
              onChange={(i) => setFiles(i.fileList)}
              multiple
            >
              <Button>{t('assessment.appeal.files')}</Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
      {open && <AppealDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />}
    </Card>
  );
}
