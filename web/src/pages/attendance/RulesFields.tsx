// The attendance rules (考勤规则) of a group as form fields; anything left empty takes the engine's default.
import { Col, Form, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';

const MEANINGS = ['missing', 'halfDayAbsent', 'fullDayAbsent', 'late'] as const;

export function RulesFields() {
  const { t } = useTranslation();
  const minutes = (name: string | string[], label: string) => (
    <Col span={8}>
      <Form.Item name={['rules', ...(Array.isArray(name) ? name : [name])]} label={label}>
        <InputNumber min={0} style={{ width: '100%' }} addonAfter={t('attendance.rules.min')} />
      </Form.Item>
    </Col>
  );
  const select = (name: string, label: string, values: readonly string[]) => (
    <Col span={8}>
      <Form.Item name={['rules', name]} label={label}>
        <Select
          allowClear
          options={values.map((v) => ({
            value: v,
            label: t(`attendance.ruleValues.${v}` as 'attendance.ruleValues.missing'),
          }))}
        />
      </Form.Item>
    </Col>
  );
  return (
    <Row gutter={12}>
      {minutes('lateGraceMinutes', t('attendance.rules.lateGraceMinutes'))}
      {minutes('earlyLeaveGraceMinutes', t('attendance.rules.earlyLeaveGraceMinutes'))}
      {minutes(['lateAsAbsence', 'halfDayAfterMinutes'], t('attendance.rules.lateHalfDay'))}
      {minutes(['lateAsAbsence', 'fullDayAfterMinutes'], t('attendance.rules.lateFullDay'))}
      {select('missingIn', t('attendance.rules.missingIn'), MEANINGS)}
      {select('missingOut', t('attendance.rules.missingOut'), MEANINGS)}
      {select('punchMode', t('attendance.rules.punchMode'), ['firstInLastOut', 'everyPair'])}
      {select('overtimeSource', t('attendance.rules.overtimeSource'), ['punches', 'requests', 'both'])}
      {minutes('overtimeMinimumMinutes', t('attendance.rules.overtimeMinimumMinutes'))}
      {minutes('overtimeRoundingMinutes', t('attendance.rules.overtimeRoundingMinutes'))}
      {select('restDayOvertime', t('attendance.rules.restDayOvertime'), ['pay', 'timeOffInLieu'])}
    </Row>
  );
}

/** Drops empty fields, so only what HR set overrides the defaults. */
export function cleanRules(rules: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rules ?? {})) {
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'object' && !Array.isArray(v)) {
      const inner = cleanRules(v as Record<string, unknown>);
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else out[k] = v;
  }
  return out;
}
