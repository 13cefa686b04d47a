import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Site } from '../../api/types';
import { toApiError } from '../../components/useLoad';
import { browserTimeZone, timeZoneOptions } from './timeZones';

interface FormValues {
  name: string;
  address?: string;
  timeZone: string;
  latitude?: number | null;
  longitude?: number | null;
}

interface Props {
  open: boolean;
  site: Site | null;
  onClose: () => void;
  onSaved: (site: Site) => void;
}

export function SiteModal({ open, site, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZoneOptions(site?.timeZone), [site]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      site ? { ...site, address: site.address ?? undefined } : { timeZone: browserTimeZone() },
    );
  }, [open, site, form]);

  const submit = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    const body = {
      name: values.name.trim(),
      address: values.address?.trim() || null,
      timeZone: values.timeZone,
      latitude: values.latitude ?? null,
      longitude: values.longitude ?? null,
    };
    try {
      onSaved(
        site
          ? await api.patch<Site>(`/api/sites/${site.id}`, body)
          : await api.post<Site>('/api/sites', body),
      );
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={site ? t('sites.editTitle') : t('sites.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('sites.fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 100, message: t('validation.maxLength', { max: 100 }) },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('sites.fields.address')}
          rules={[{ max: 300, message: t('validation.maxLength', { max: 300 }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('sites.fields.timeZone')}
          extra={t('sites.timeZoneHelp')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={zones}
            aria-label={t('sites.fields.timeZone')}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="latitude" label={t('sites.fields.latitude')}>
              <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="longitude" label={t('sites.fields.longitude')}>
              <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
