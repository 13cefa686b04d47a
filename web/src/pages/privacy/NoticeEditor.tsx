// Editing (or reading) one notice version: the sections in Chinese and English side by side in tabs.
import { Form, Input, Modal, Tabs } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_FIELDS, type NoticeContent } from './api';

interface Props {
  open: boolean;
  /** A new version asks for its label; an existing one shows it in the title. */
  isNew: boolean;
  readOnly: boolean;
  title: string;
  initial: NoticeContent | null;
  busy: boolean;
  onCancel: () => void;
  onSave: (values: { version: string; content: NoticeContent }) => void;
}

export function NoticeEditor({ open, isNew, readOnly, title, initial, busy, onCancel, onSave }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ version: string; content: NoticeContent }>();

  useEffect(() => {
    if (open && initial) form.setFieldsValue({ version: '', content: initial });
  }, [open, initial, form]);

  const fields = (lang: 'zh-CN' | 'en') =>
    NOTICE_FIELDS.map((f) => (
      <Form.Item
        key={f}
        name={['content', lang, f]}
        label={t(`privacyCentre.sections.${f}`)}
        rules={[{ required: true, whitespace: true }]}
      >
        {f === 'title' ? (
          <Input readOnly={readOnly} maxLength={8000} />
        ) : (
          <Input.TextArea readOnly={readOnly} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={8000} />
        )}
      </Form.Item>
    ));

  return (
    <Modal
      open={open}
      title={title}
      width={760}
      onCancel={onCancel}
      okText={t('common.save')}
      okButtonProps={{ loading: busy, style: readOnly ? { display: 'none' } : undefined }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onSave} disabled={busy}>
        {isNew && (
          <Form.Item
            name="version"
            label={t('privacyCentre.notices.version')}
            extra={t('privacyCentre.notices.versionHelp')}
            rules={[{ required: true, pattern: /^[\p{L}\p{N}._-]{1,64}$/u }]}
          >
            <Input style={{ maxWidth: 240 }} />
          </Form.Item>
        )}
        <Tabs
          items={[
            { key: 'zh-CN', label: '中文', children: fields('zh-CN'), forceRender: true },
            { key: 'en', label: 'English', children: fields('en'), forceRender: true },
          ]}
        />
      </Form>
    </Modal>
  );
}
