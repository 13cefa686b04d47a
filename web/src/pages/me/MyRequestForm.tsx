// A new request from /me, laid out for a phone: leave (with halves), business trip, field work or a punch
// correction (补卡), with the reason. Dates are picked one at a time (a range picker is too wide for a phone).
import { Button, Checkbox, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useNotify } from '../../components/useNotify';
import type { LeaveType, RequestKind } from '../attendance/api';

const KINDS: RequestKind[] = ['leave', 'businessTrip', 'fieldWork', 'punchCorrection'];

interface Values {
  kind: RequestKind;
  leaveType?: string;
  start?: Dayjs;
  end?: Dayjs;
  fromAfternoon?: boolean;
  untilNoon?: boolean;
  at?: Dayjs;
  reason?: string;
}

export function MyRequestForm({
  open,
  leaveTypes,
  onClose,
  onSent,
}: {
  open: boolean;
  leaveTypes: LeaveType[];
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);

  const submit = async (v: Values) => {
    const body: Record<string, unknown> = { kind: v.kind, reason: v.reason };
    if (v.kind === 'punchCorrection') body.at = v.at?.toISOString();
    else {
      body.startDate = v.start?.format('YYYY-MM-DD');
      body.endDate = (v.end ?? v.start)?.format('YYYY-MM-DD');
      if (v.kind === 'leave') {
        body.leaveType = v.leaveType;
        if (v.fromAfternoon) body.startHalf = 'pm';
        if (v.untilNoon) body.endHalf = 'am';
      }
    }
    try {
      await api.post('/api/attendance/requests', body);
      notify.ok(t('workspace.me.form.sent'));
      form.resetFields();
      onSent();
    } catch (err) {
      notify.fail(err);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="bottom"
      size="large"
      title={t('workspace.me.quick.newRequest')}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'leave' }}>
        <Form.Item name="kind" label={t('attendance.requests.kind')}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`attendance.requests.kinds.${k}`) }))} />
        </Form.Item>
        {kind === 'leave' && (
          <Form.Item name="leaveType" label={t('attendance.requests.leaveType')} rules={[{ required: true }]}>
            <Select
              options={leaveTypes.filter((l) => l.active).map((l) => ({ value: l.code, label: l.name }))}
            />
          </Form.Item>
        )}
        {kind === 'punchCorrection' ? (
          <Form.Item name="at" label={t('attendance.requests.correctedTime')} rules={[{ required: true }]}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              inputReadOnly
              style={{ width: '100%' }}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="start" label={t('workspace.me.form.start')} rules={[{ required: true }]}>
              <DatePicker inputReadOnly style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="end" label={t('workspace.me.form.end')}>
              <DatePicker inputReadOnly style={{ width: '100%' }} />
            </Form.Item>
            {kind === 'leave' && (
              <Space wrap style={{ marginBottom: 12 }}>
                <Form.Item name="fromAfternoon" valuePropName="checked" noStyle>
                  <Checkbox>{t('attendance.requests.fromAfternoon')}</Checkbox>
                </Form.Item>
                <Form.Item name="untilNoon" valuePropName="checked" noStyle>
                  <Checkbox>{t('attendance.requests.untilNoon')}</Checkbox>
                </Form.Item>
              </Space>
            )}
          </>
        )}
        <Form.Item name="reason" label={t('attendance.requests.reason')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          {t('attendance.requests.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}
