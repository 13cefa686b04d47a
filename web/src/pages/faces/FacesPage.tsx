// Face enrollment: the engine's status, one employee's consent and templates (upload or webcam), bulk
// enrollment from a ZIP, and the identify test. Tabs follow the user's permissions.
import { Alert, Button, Card, Descriptions, Form, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Employee } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { EmployeePicker } from '../../components/EmployeePicker';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { faceApi } from './api';
import { BulkEnroll } from './BulkEnroll';
import { EmployeeFaces } from './EmployeeFaces';
import { IdentifyTest } from './IdentifyTest';

export default function FacesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const employeeId = Number(params.get('employee')) || null;
  const status = useLoad(() => faceApi.status(), []);
  const employee = useLoad(
    () => (employeeId ? api.get<Employee>(`/api/employees/${employeeId}`) : Promise.resolve(null)),
    [employeeId],
  );
  const [tab, setTab] = useState(params.get('tab') ?? 'enroll');
  const [reenrolling, setReenrolling] = useState(false);
  const notify = useNotify();

  const reenroll = async () => {
    setReenrolling(true);
    try {
      const task = await faceApi.reenroll();
      if (task.status === 'failed') throw new Error(task.error ?? '');
      const r = task.result;
      notify.ok(
        t('faces.status.reenrollDone', {
          reenrolled: r?.reenrolled ?? 0,
          left: (r?.refused ?? 0) + (r?.withoutPhoto ?? 0),
        }),
      );
      status.reload();
    } catch (err) {
      notify.fail(err);
    } finally {
      setReenrolling(false);
    }
  };

  if (status.error) return <LoadError error={status.error} onRetry={status.reload} />;
  const s = status.data;
  const thresholds = s?.qualityThresholds ?? {};

  const tabs = [
    {
      key: 'enroll',
      label: t('faces.tabs.enroll'),
      children: (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Form layout="inline">
            <Form.Item label={t('faces.employee.pick')}>
              <div style={{ width: 320 }}>
                <EmployeePicker
                  value={employeeId}
                  currentLabel={
                    employee.data ? `${employee.data.employeeNo} · ${employee.data.name}` : undefined
                  }
                  onChange={(id) => setParams(id ? { employee: String(id) } : {})}
                />
              </div>
            </Form.Item>
          </Form>
          {employeeId && employee.data ? (
            <EmployeeFaces
              key={employeeId}
              employeeId={employeeId}
              employeeName={employee.data.name}
              thresholds={thresholds}
              onChanged={status.reload}
            />
          ) : (
            <Alert type="info" showIcon title={t('faces.employee.none')} />
          )}
        </Space>
      ),
    },
    ...(can('faces.enroll')
      ? [{ key: 'bulk', label: t('faces.tabs.bulk'), children: <BulkEnroll onDone={status.reload} /> }]
      : []),
    ...(can('faces.identify')
      ? [
          {
            key: 'identify',
            label: t('faces.tabs.identify'),
            children: <IdentifyTest thresholds={thresholds} />,
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {s && (
        <Card size="small" title={t('faces.status.title')}>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label={t('faces.status.model')}>{s.model.name}</Descriptions.Item>
            <Descriptions.Item label={t('faces.status.backend')}>
              {s.engine.backend ?? t('faces.status.notLoaded')}
            </Descriptions.Item>
            <Descriptions.Item label={t('faces.status.threshold')}>
              {s.calibration.threshold}
            </Descriptions.Item>
            <Descriptions.Item label={t('faces.status.margin')}>{s.calibration.margin}</Descriptions.Item>
            <Descriptions.Item label={t('faces.status.templates')}>{s.templates}</Descriptions.Item>
            <Descriptions.Item label={t('faces.status.employees')}>{s.employees}</Descriptions.Item>
            <Descriptions.Item label={t('faces.status.consented')}>
              {s.employeesWithConsent}
            </Descriptions.Item>
          </Descriptions>
          {s.stale.templates > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              title={t('faces.status.stale', { count: s.stale.templates, employees: s.stale.employees })}
              action={
                can('faces.enroll') && (
                  <Button size="small" loading={reenrolling} onClick={reenroll}>
                    {t('faces.status.reenroll')}
                  </Button>
                )
              }
            />
          )}
        </Card>
      )}
      <Tabs activeKey={tab} onChange={setTab} items={tabs} destroyOnHidden />
    </Space>
  );
}
