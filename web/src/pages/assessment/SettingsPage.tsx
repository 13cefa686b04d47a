// Assessment rules: the score formula (points per item, caps), the reward and penalty rules with their effective
// dates (amounts entered in yuan, stored in fen), grades by position, the appeal chain with its deadlines and
// windows, and whether the public list masks names.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Divider, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import type { AppealStep } from './api';

const METRICS = [
  'lateCount',
  'lateMinutes',
  'earlyLeaveCount',
  'earlyLeaveMinutes',
  'absentDays',
  'missingPunches',
  'leaveDays',
  'attendanceRatePercent',
  'fullAttendance',
] as const;
const KINDS = ['late', 'earlyLeave', 'absence', 'missingPunch', 'fullAttendance'] as const;
type Kind = (typeof KINDS)[number];

interface Rule {
  id: string;
  name: string;
  kind: Kind;
  effectiveFrom: string;
  effectiveTo: string | null;
  freeCount?: number;
  freeMaxMinutes?: number;
  amountFen?: number;
  dayPayFenByGrade?: Record<string, number>;
  defaultDayPayFen?: number;
  maxLeaveDays?: number;
}

interface Settings {
  formula: {
    base: number;
    min: number;
    max: number;
    items: { metric: string; pointsPerUnit: number; cap: number | null }[];
  };
  rules: Rule[];
  positionGrades: Record<string, string>;
  defaultGrade: string | null;
  appealChain: AppealStep[];
  appealStepDays: number;
  appealReminderHours: number;
  appealWindowDays: number;
  dayAppealDays: number;
  maskNames: boolean;
}

/** A rule as the form holds it: money in yuan, grades as "grade=yuan" lines. */
type RuleForm = Omit<Rule, 'amountFen' | 'defaultDayPayFen' | 'dayPayFenByGrade'> & {
  amount?: number;
  defaultDayPay?: number;
  gradePay?: string;
};
type FormValues = Omit<Settings, 'rules' | 'positionGrades'> & { rules: RuleForm[]; positionGrades: string };

const toYuan = (fen: number | undefined) => (fen === undefined ? undefined : fen / 100);
const toFen = (yuan: number | undefined) =>
  yuan === undefined || yuan === null ? undefined : Math.round(yuan * 100);
const pairs = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .map((l) => l.split('=').map((x) => x.trim()))
      .filter((p) => p.length === 2 && p[0] && p[1]),
  );

function toForm(s: Settings): FormValues {
  return {
    ...s,
    rules: s.rules.map(({ amountFen, defaultDayPayFen, dayPayFenByGrade, ...r }) => ({
      ...r,
      amount: toYuan(amountFen),
      defaultDayPay: toYuan(defaultDayPayFen),
      gradePay: Object.entries(dayPayFenByGrade ?? {})
        .map(([g, f]) => `${g}=${f / 100}`)
        .join('\n'),
    })),
    positionGrades: Object.entries(s.positionGrades)
      .map(([p, g]) => `${p}=${g}`)
      .join('\n'),
  };
}

function fromForm(v: FormValues): Settings {
  return {
    ...v,
    defaultGrade: v.defaultGrade || null,
    positionGrades: pairs(v.positionGrades ?? ''),
    formula: { ...v.formula, items: (v.formula.items ?? []).map((i) => ({ ...i, cap: i.cap ?? null })) },
    rules: (v.rules ?? []).map(({ amount, defaultDayPay, gradePay, ...r }) => {
      const rule: Rule = { ...r, effectiveTo: r.effectiveTo || null };
      if (r.kind === 'absence') {
        rule.defaultDayPayFen = toFen(defaultDayPay) ?? 0;
        rule.dayPayFenByGrade = Object.fromEntries(
          Object.entries(pairs(gradePay ?? '')).map(([g, y]) => [g, toFen(Number(y)) ?? 0]),
        );
      } else rule.amountFen = toFen(amount) ?? 0;
      if (r.kind !== 'late' && r.kind !== 'earlyLeave') delete rule.freeMaxMinutes;
      if (r.kind === 'absence' || r.kind === 'fullAttendance') delete rule.freeCount;
      if (r.kind !== 'fullAttendance') delete rule.maxLeaveDays;
      return rule;
    }),
  };
}

export default function AssessmentSettingsPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const settings = useLoad(() => api.get<Settings>('/api/assessment/settings'), []);
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(toForm(settings.data));
  }, [settings.data, form]);

  const save = async (v: FormValues) => {
    try {
      await api.put('/api/assessment/settings', fromForm(v));
      notify.ok(t('assessment.settings.saved'));
      settings.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  const rules = Form.useWatch('rules', form) ?? [];
  if (settings.error) return <LoadError error={settings.error} onRetry={settings.reload} />;
  return (
    <Card loading={settings.loading}>
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 980 }}>
        <Typography.Title level={5}>{t('assessment.settings.formulaTitle')}</Typography.Title>
        <Space wrap>
          {(['base', 'min', 'max'] as const).map((k) => (
            <Form.Item
              key={k}
              name={['formula', k]}
              label={t(`assessment.settings.${k}`)}
              rules={[{ required: true }]}
            >
              <InputNumber />
            </Form.Item>
          ))}
        </Space>
        <Form.List name={['formula', 'items']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'metric']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 200 }}
                      options={METRICS.map((m) => ({
                        value: m,
                        label: t(`assessment.settings.metrics.${m}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'pointsPerUnit']} rules={[{ required: true }]}>
                    <InputNumber addonBefore={t('assessment.settings.pointsPerUnit')} step={0.5} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'cap']}>
                    <InputNumber addonBefore={t('assessment.settings.cap')} min={0} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ metric: 'lateCount', pointsPerUnit: -1, cap: null })}
              >
                {t('assessment.settings.addItem')}
              </Button>
            </>
          )}
        </Form.List>

        <Divider />
        <Typography.Title level={5}>{t('assessment.settings.rulesTitle')}</Typography.Title>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => {
                const kind = rules[f.name]?.kind;
                return (
                  <Card
                    key={f.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    extra={<MinusCircleOutlined onClick={() => remove(f.name)} />}
                  >
                    <Space wrap align="start">
                      <Form.Item
                        name={[f.name, 'name']}
                        label={t('assessment.settings.ruleName')}
                        rules={[{ required: true }]}
                      >
                        <Input style={{ width: 160 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'id']} label="ID" rules={[{ required: true }]}>
                        <Input style={{ width: 120 }} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'kind']}
                        label={t('assessment.settings.kind')}
                        rules={[{ required: true }]}
                      >
                        <Select
                          style={{ width: 150 }}
                          options={KINDS.map((k) => ({
                            value: k,
                            label: t(`assessment.settings.kinds.${k}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'effectiveFrom']}
                        label={t('assessment.settings.effectiveFrom')}
                        rules={[{ required: true }]}
                      >
                        <Input type="date" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'effectiveTo']} label={t('assessment.settings.effectiveTo')}>
                        <Input type="date" />
                      </Form.Item>
                    </Space>
                    <Space wrap align="start">
                      {(kind === 'late' || kind === 'earlyLeave' || kind === 'missingPunch') && (
                        <Form.Item name={[f.name, 'freeCount']} label={t('assessment.settings.freeCount')}>
                          <InputNumber min={0} />
                        </Form.Item>
                      )}
                      {(kind === 'late' || kind === 'earlyLeave') && (
                        <Form.Item
                          name={[f.name, 'freeMaxMinutes']}
                          label={t('assessment.settings.freeMaxMinutes')}
                        >
                          <InputNumber min={0} />
                        </Form.Item>
                      )}
                      {kind && kind !== 'absence' && (
                        <Form.Item
                          name={[f.name, 'amount']}
                          label={t(
                            `assessment.settings.amount.${kind === 'fullAttendance' ? 'bonus' : 'penalty'}`,
                          )}
                        >
                          <InputNumber min={0} step={10} />
                        </Form.Item>
                      )}
                      {kind === 'fullAttendance' && (
                        <Form.Item
                          name={[f.name, 'maxLeaveDays']}
                          label={t('assessment.settings.maxLeaveDays')}
                        >
                          <InputNumber min={0} step={0.5} />
                        </Form.Item>
                      )}
                      {kind === 'absence' && (
                        <>
                          <Form.Item
                            name={[f.name, 'defaultDayPay']}
                            label={t('assessment.settings.defaultDayPay')}
                          >
                            <InputNumber min={0} step={10} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'gradePay']} label={t('assessment.settings.gradePay')}>
                            <Input.TextArea rows={2} placeholder="P1=300" style={{ width: 200 }} />
                          </Form.Item>
                        </>
                      )}
                    </Space>
                  </Card>
                );
              })}
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    id: `rule-${fields.length + 1}`,
                    name: '',
                    kind: 'late',
                    effectiveFrom: new Date().toISOString().slice(0, 10),
                    effectiveTo: null,
                  })
                }
              >
                {t('assessment.settings.addRule')}
              </Button>
            </>
          )}
        </Form.List>

        <Divider />
        <Typography.Title level={5}>{t('assessment.settings.appealsTitle')}</Typography.Title>
        <Form.Item name="appealChain" label={t('assessment.settings.appealChain')}>
          <Select
            mode="multiple"
            style={{ maxWidth: 400 }}
            options={(['manager', 'hr'] as const).map((s) => ({
              value: s,
              label: t(`assessment.appeal.stepNames.${s}`),
            }))}
          />
        </Form.Item>
        <Space wrap>
          {(['appealStepDays', 'appealReminderHours', 'appealWindowDays', 'dayAppealDays'] as const).map(
            (k) => (
              <Form.Item key={k} name={k} label={t(`assessment.settings.${k}`)}>
                <InputNumber min={0} max={366} />
              </Form.Item>
            ),
          )}
        </Space>
        <Form.Item name="maskNames" label={t('assessment.settings.maskNames')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="positionGrades" label={t('assessment.settings.positionGrades')}>
          <Input.TextArea rows={3} placeholder="12=P1" style={{ maxWidth: 300 }} />
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
