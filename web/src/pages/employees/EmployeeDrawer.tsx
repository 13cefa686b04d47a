// Create or edit an employee. Field checks match the server's (the same pure functions).
import { Alert, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isEmail, isEmployeeNo, isPhone } from '../../../../src/core/org/employee-validation.js';
import { api } from '../../api/client';
import { EMPLOYEE_STATUSES, type Employee, type EmployeeStatus } from '../../api/types';
import { departmentOptions } from '../../components/departmentTree';
import { toApiError } from '../../components/useLoad';
import type { OrgRefs } from '../../components/useOrgRefs';

interface FormValues {
  employeeNo: string;
  name: string;
  departmentId?: number | null;
  positionId?: number | null;
  siteId?: number | null;
  hireDate?: Dayjs | null;
  terminationDate?: Dayjs | null;
  status: EmployeeStatus;
  phone?: string;
  email?: string;
}

interface Props {
  open: boolean;
  /** The employee being edited; null to create one. */
  employee: Employee | null;
  refs: OrgRefs;
  onClose: () => void;
  onSaved: (employee: Employee) => void;
}

const toDay = (value: string | null) => (value ? dayjs(value) : null);
const fromDay = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

export function EmployeeDrawer({ open, employee, refs, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      employee
        ? {
            ...employee,
            hireDate: toDay(employee.hireDate),
            terminationDate: toDay(employee.terminationDate),
            phone: employee.phone ?? undefined,
            email: employee.email ?? undefined,
          }
        : { status: 'active' },
    );
  }, [open, employee, form]);

  const submit = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    const body = {
      employeeNo: values.employeeNo.trim(),
      name: values.name.trim(),
      departmentId: values.departmentId ?? null,
      positionId: values.positionId ?? null,
      siteId: values.siteId ?? null,
      hireDate: fromDay(values.hireDate),
      terminationDate: fromDay(values.terminationDate),
      status: values.status,
      phone: values.phone?.trim() || null,
      email: values.email?.trim() || null,
    };
    try {
      const saved = employee
        ? await api.patch<Employee>(`/api/employees/${employee.id}`, body)
        : await api.post<Employee>('/api/employees', body);
      onSaved(saved);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const check = (test: (s: string) => boolean, message: string) => ({
    validator: (_: unknown, value: string | undefined) =>
      !value?.trim() || test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(message)),
  });

  return (
    <Drawer
      title={employee ? t('employees.editTitle') : t('employees.createTitle')}
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item
              name="employeeNo"
              label={t('employees.fields.employeeNo')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required') },
                check(isEmployeeNo, t('validation.employeeNo')),
              ]}
            >
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              name="name"
              label={t('employees.fields.name')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required') },
                { max: 100, message: t('validation.maxLength', { max: 100 }) },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="departmentId" label={t('employees.fields.department')}>
          <TreeSelect
            allowClear
            showSearch
            treeDefaultExpandAll
            treeNodeFilterProp="title"
            treeData={departmentOptions(refs.departments)}
            placeholder={t('employees.noDepartment')}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="positionId" label={t('employees.fields.position')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={refs.positions.map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="siteId" label={t('employees.fields.site')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={refs.sites.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="hireDate" label={t('employees.fields.hireDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="terminationDate"
              label={t('employees.fields.terminationDate')}
              dependencies={['hireDate']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_: unknown, value: Dayjs | null | undefined) => {
                    const hire = getFieldValue('hireDate') as Dayjs | null | undefined;
                    return !value || !hire || !value.isBefore(hire, 'day')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('validation.dateOrder')));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="status" label={t('employees.fields.status')} rules={[{ required: true }]}>
          <Select options={EMPLOYEE_STATUSES.map((s) => ({ value: s, label: t(`employees.status.${s}`) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="phone"
              label={t('employees.fields.phone')}
              rules={[check(isPhone, t('validation.phone'))]}
            >
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="email"
              label={t('employees.fields.email')}
              rules={[check(isEmail, t('validation.email'))]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
