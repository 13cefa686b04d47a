// Assessment rules: the score formula, the reward and penalty rules with their effective dates, grades, the
// appeal chain with its deadlines and windows, and whether the public list masks names.
import { Button, Card, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import type { AppealStep } from './api';

interface Settings {
  formula: unknown;
  rules: unknown[];
  positionGrades: Record<string, string>;
  defaultGrade: string | null;
  appealChain: AppealStep[];
  appealStepDays: number;
  appealReminderHours: number;
  appealWindowDays: number;
  dayAppealDays: number;
  maskNames: boolean;
}

type FormValues = Omit<Settings, 'formula' | 'rules' | 'positionGrades'> & {
  formula: string;
  rules: string;
  positionGrades: string;
};

export default function AssessmentSettingsPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const settings = useLoad(() => api.get<Settings>('/api/assessment/settings'), []);
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    if (!settings.data) return;
    const s = settings.data;
    form.setFieldsValue({
      ...s,
      formula: JSON.stringify(s.formula, null, 2),
      rules: JSON.stringify(s.rules, null, 2),
      positionGrades: JSON.stringify(s.positionGrades, null, 2),
    });
  }, [settings.data, form]);

  const save = async (v: FormValues) => {
    const parsed: Record<string, unknown> = {};
    for (const field of ['formula', 'rules', 'positionGrades'] as const) {
      try {
        parsed[field] = JSON.parse(v[field]);
      } catch {
        notify.fail(
          new Error(t('assessment.settings.badJson', { field: t(`assessment.settings.${field}`) })),
        );
        return;
      }
    }
    try {
      await api.put('/api/assessment/settings', { ...v, ...parsed, defaultGrade: v.defaultGrade || null });
      notify.ok(t('assessment.settings.saved'));
      settings.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  if (settings.error) return <LoadError error={settings.error} onRetry={settings.reload} />;
  const json = { fontFamily: 'monospace', fontSize: 12 };
  return (
    <Card loading={settings.loading}>
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 760 }}>
        <Form.Item name="maskNames" label={t('assessment.settings.maskNames')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="appealChain" label={t('assessment.settings.appealChain')}>
          <Select
            mode="multiple"
            options={(['manager', 'hr'] as const).map((s) => ({
              value: s,
              label: t(`assessment.appeal.stepNames.${s}`),
            }))}
          />
        </Form.Item>
        {(['appealStepDays', 'appealReminderHours', 'appealWindowDays', 'dayAppealDays'] as const).map(
          (k) => (
            <Form.Item key={k} name={k} label={t(`assessment.settings.${k}`)}>
              <InputNumber min={0} max={366} />
            </Form.Item>
          ),
        )}
        <Form.Item name="formula" label={t('assessment.settings.formula')}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} style={json} />
        </Form.Item>
        <Form.Item name="rules" label={t('assessment.settings.rules')}>
          <Input.TextArea autoSize={{ minRows: 8, maxRows: 30 }} style={json} />
        </Form.Item>
        <Form.Item name="positionGrades" label={t('assessment.settings.positionGrades')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} style={json} />
        </Form.Item>
        <Form.Item name="defaultGrade" label={t('assessment.settings.defaultGrade')}>
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
