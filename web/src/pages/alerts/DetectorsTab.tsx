// Each detector: its switch and its tuning.
import { Button, Card, Col, Form, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

export type DetectorSettings = Record<string, Record<string, number | boolean | string>>;

const NAMES = [
  'unusualTime',
  'siteHopping',
  'impossibleTravel',
  'deviceFailures',
  'spoof',
  'challengeFailed',
  'lowMargin',
  'punchOnLeave',
  'punchTerminated',
  'nonFacePerson',
  'nonFaceDevice',
  'deviceClock',
  'deviceOffline',
] as const;

const PARAMS = [
  'historyDays',
  'minDays',
  'threshold',
  'minMinutes',
  'maxPlaces',
  'periodHours',
  'maxSpeedKmh',
  'minDistanceKm',
  'count',
  'windowMinutes',
  'margin',
  'periodDays',
  'people',
  'toleranceMinutes',
  'by',
] as const;
type Param = (typeof PARAMS)[number];
const isParam = (k: string): k is Param => (PARAMS as readonly string[]).includes(k);

export function DetectorsTab({
  value,
  saving,
  onSave,
}: {
  value: DetectorSettings;
  saving: boolean;
  onSave: (v: DetectorSettings) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DetectorSettings>();
  return (
    <Form form={form} initialValues={value} onFinish={onSave} layout="vertical">
      <Row gutter={[16, 16]}>
        {NAMES.map((name) => (
          <Col key={name} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={t(`alerts.settings.detectorNames.${name}`)}
              extra={
                <Form.Item name={[name, 'enabled']} valuePropName="checked" noStyle>
                  <Switch aria-label={t(`alerts.settings.detectorNames.${name}`)} />
                </Form.Item>
              }
            >
              <Row gutter={8}>
                {Object.keys(value[name] ?? {})
                  .filter((k) => k !== 'enabled')
                  .map((k) => (
                    <Col span={12} key={k}>
                      <Form.Item
                        name={[name, k]}
                        label={
                          isParam(k) ? t(`alerts.settings.params.${k}`) : t('alerts.settings.params.count')
                        }
                        style={{ marginBottom: 8 }}
                      >
                        {k === 'by' ? (
                          <Select
                            options={[
                              { value: 'site', label: t('alerts.fields.site') },
                              { value: 'device', label: t('alerts.fields.device') },
                            ]}
                          />
                        ) : (
                          <InputNumber min={0} step={k === 'margin' ? 0.005 : 1} style={{ width: '100%' }} />
                        )}
                      </Form.Item>
                    </Col>
                  ))}
              </Row>
            </Card>
          </Col>
        ))}
      </Row>
      <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 16 }}>
        {t('alerts.settings.save')}
      </Button>
    </Form>
  );
}
