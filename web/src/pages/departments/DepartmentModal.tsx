// Create a department, edit its name and code, or move it under another parent.
import { Alert, Form, Input, Modal, TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Department } from '../../api/types';
import { departmentOptions } from '../../components/departmentTree';
import { toApiError } from '../../components/useLoad';

export type DepartmentEdit =
  | { mode: 'create'; parentId: number | null }
  | { mode: 'edit'; department: Department }
  | { mode: 'move'; department: Department };

interface FormValues {
  name: string;
  code?: string;
  parentId?: number | null;
}

interface Props {
  edit: DepartmentEdit | null;
  departments: Department[];
  onClose: () => void;
  onSaved: (department: Department) => void;
}

export function DepartmentModal({ edit, departments, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!edit) return;
    setError(null);
    form.resetFields();
    if (edit.mode === 'create') form.setFieldsValue({ parentId: edit.parentId ?? undefined });
    else form.setFieldsValue({ ...edit.department, code: edit.department.code ?? undefined });
  }, [edit, form]);

  const submit = async (values: FormValues) => {
    if (!edit) return;
    setBusy(true);
    setError(null);
    try {
      let saved: Department;
      if (edit.mode === 'create') {
        saved = await api.post<Department>('/api/departments', {
          name: values.name.trim(),
          code: values.code?.trim() || null,
          parentId: values.parentId ?? null,
        });
      } else if (edit.mode === 'edit') {
        saved = await api.patch<Department>(`/api/departments/${edit.department.id}`, {
          name: values.name.trim(),
          code: values.code?.trim() || null,
        });
      } else {
        saved = await api.patch<Department>(`/api/departments/${edit.department.id}`, {
          parentId: values.parentId ?? null,
        });
      }
      onSaved(saved);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const title =
    edit?.mode === 'create'
      ? t('departments.createTitle')
      : edit?.mode === 'move'
        ? t('departments.moveTitle', { name: edit.department.name })
        : t('departments.editTitle');
  const excluded = edit && edit.mode !== 'create' ? edit.department.id : undefined;

  return (
    <Modal
      title={title}
      open={!!edit}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit}>
        {edit?.mode !== 'move' && (
          <>
            <Form.Item
              name="name"
              label={t('departments.fields.name')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required') },
                { max: 100, message: t('validation.maxLength', { max: 100 }) },
              ]}
            >
              <Input autoFocus />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('departments.fields.code')}
              extra={t('departments.codeHelp')}
              rules={[{ max: 32, message: t('validation.maxLength', { max: 32 }) }]}
            >
              <Input />
            </Form.Item>
          </>
        )}
        {edit?.mode !== 'edit' && (
          <Form.Item name="parentId" label={t('departments.fields.parent')}>
            <TreeSelect
              allowClear
              showSearch
              treeDefaultExpandAll
              treeNodeFilterProp="title"
              placeholder={t('departments.topLevel')}
              treeData={departmentOptions(departments, excluded)}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
