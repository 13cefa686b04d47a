// My attendance (/me), phone first: where I stand today, shortcuts (QR code, new request, appeals, statements,
// notices, announcements, feedback, help), my month with each day's status and explanation, my punches, my
// leave balances, my requests with their progress, and my face data with consent. A page of its own (no
// console menu), so that it fits a phone.
import {
  AppstoreOutlined,
  BellOutlined,
  FileDoneOutlined,
  FormOutlined,
  MessageOutlined,
  NotificationOutlined,
  QrcodeOutlined,
  QuestionCircleOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  List,
  Popconfirm,
  Space,
  Spin,
  Steps,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { type AttendanceRequest, type Balance, currentMonth, type LeaveType } from '../attendance/api';
import { type EmployeeCalendar, STATE_COLOURS, type TodayState } from '../records/api';
import { MonthCalendar } from '../records/MonthCalendar';
import { MyRequestForm } from './MyRequestForm';
import './me.css';

const PunchCodePage = lazy(() => import('./PunchCodePage'));

interface Overview {
  employee: { id: number; employeeNo: string; name: string; department: string | null } | null;
  today: {
    date: string;
    state: TodayState;
    statuses: string[];
    scheduled: string | null;
    punches: string[];
  } | null;
  face: {
    enrolled: boolean;
    templates: number;
    consent: { acceptedAt: string; noticeVersion: string } | null;
  } | null;
  requests: { pending: number } | null;
  announcements: { unread: number };
  feedback: { answered: number };
}

interface MyPunch {
  id: number;
  at: string;
  method: string;
  direction: 'in' | 'out' | null;
  device: string | null;
  site: string | null;
}

export default function MePage() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading')
    return (
      <div style={{ padding: 64, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  if (status === 'setup') return <Navigate to="/setup" replace />;
  if (status !== 'ready') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <MyAttendance />;
}

function Quick({
  to,
  icon,
  label,
  onClick,
}: {
  to?: string;
  icon: ReactNode;
  label: ReactNode;
  onClick?: () => void;
}) {
  if (onClick)
    return (
      <button type="button" onClick={onClick}>
        {icon}
        <span>{label}</span>
      </button>
    );
  return (
    <Link to={to ?? '/'}>
      {icon}
      <span>{label}</span>
    </Link>
  );
}

function MyAttendance() {
  const { t, i18n } = useTranslation();
  const { me, logout, can } = useAuth();
  const notify = useNotify();
  const [month, setMonth] = useState(currentMonth());
  const [qr, setQr] = useState(false);
  const [asking, setAsking] = useState(false);
  const overview = useLoad(() => api.get<Overview>('/api/me/overview'), []);
  const o = overview.data;
  const hasEmployee = !!o?.employee;
  const calendar = useLoad(
    () =>
      hasEmployee
        ? api.get<EmployeeCalendar>('/api/records/calendar', { month })
        : Promise.resolve(undefined),
    [hasEmployee, month, i18n.language],
  );
  const punches = useLoad(
    () =>
      hasEmployee
        ? api.get<{ items: MyPunch[] }>('/api/me/punches', { month }).then((r) => r.items)
        : Promise.resolve([]),
    [hasEmployee, month],
  );
  const leaveTypes = useLoad(
    () => (hasEmployee ? api.get<LeaveType[]>('/api/attendance/leave-types') : Promise.resolve([])),
    [hasEmployee],
  );
  const balances = useLoad(async () => {
    if (!hasEmployee) return [];
    return api.get<Balance[]>('/api/attendance/balances', { year: dayjs().year() });
  }, [hasEmployee]);
  const leaveName = (code: string) => leaveTypes.data?.find((lt) => lt.code === code)?.name ?? code;
  const requests = useLoad(
    () =>
      hasEmployee && o?.employee
        ? api
            .get<{ items: AttendanceRequest[] }>('/api/attendance/requests', {
              employeeId: o.employee.id,
              limit: 5,
            })
            .then((r) => r.items)
        : Promise.resolve([]),
    [hasEmployee],
  );

  const askDeletion = async () => {
    try {
      await api.post('/api/me/privacy-requests', {
        kind: 'deletion',
        details: t('workspace.me.deleteDetails'),
      });
      notify.ok(t('workspace.me.deleteSent'));
    } catch (err) {
      notify.fail(err);
    }
  };

  const stepItems = (r: AttendanceRequest) => [
    { title: t('workspace.me.steps.submitted') },
    ...r.chain.map((s) => ({ title: t(`workspace.me.steps.${s}`) })),
  ];
  const stepStatus = (r: AttendanceRequest) =>
    r.status === 'rejected'
      ? 'error'
      : r.status === 'approved'
        ? 'finish'
        : r.status === 'cancelled'
          ? 'wait'
          : 'process';

  return (
    <div className="fc-me">
      <div className="fc-me-header">
        <Typography.Text strong>{t('workspace.nav.me')}</Typography.Text>
        <Space size={4}>
          <LanguageSwitch />
          {(can('attendance.read') || can('employees.read')) && (
            <Link to="/">
              <Button size="small" icon={<AppstoreOutlined />}>
                {t('workspace.me.console')}
              </Button>
            </Link>
          )}
          <Button size="small" onClick={() => void logout()}>
            {t('workspace.me.logout')}
          </Button>
        </Space>
      </div>
      <div className="fc-me-body">
        {overview.error && <LoadError error={overview.error} onRetry={overview.reload} />}
        <Card size="small" loading={overview.loading && !o} data-testid="me-today">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('workspace.me.hello', { name: o?.employee?.name ?? me?.username ?? '' })}
          </Typography.Title>
          {o && !o.employee && <Alert type="info" showIcon message={t('workspace.me.noEmployee')} />}
          {o?.employee && o.today && (
            <Space direction="vertical" size={4}>
              <Typography.Text type="secondary">
                {o.employee.employeeNo}
                {o.employee.department ? ` · ${o.employee.department}` : ''}
              </Typography.Text>
              <Space wrap>
                <Typography.Text>
                  {t('workspace.me.today')} {o.today.date}
                </Typography.Text>
                <Tag color={STATE_COLOURS[o.today.state]} data-state={o.today.state}>
                  {t(`workspace.states.${o.today.state}`)}
                </Tag>
              </Space>
              <Typography.Text>
                {o.today.scheduled
                  ? t('workspace.me.scheduled', { time: o.today.scheduled })
                  : t('workspace.me.noShift')}
              </Typography.Text>
              <Typography.Text>
                {o.today.punches.length
                  ? t('workspace.me.punchedAt', { times: o.today.punches.join(', ') })
                  : t('workspace.me.notPunched')}
              </Typography.Text>
            </Space>
          )}
        </Card>

        <nav className="fc-me-quick" aria-label={t('workspace.nav.me')}>
          <Quick
            icon={<QrcodeOutlined />}
            label={t('workspace.me.quick.punchCode')}
            onClick={() => setQr(true)}
          />
          <Quick
            icon={<FormOutlined />}
            label={t('workspace.me.quick.newRequest')}
            onClick={() => setAsking(true)}
          />
          <Quick to="/me/appeals" icon={<SolutionOutlined />} label={t('workspace.me.quick.appeals')} />
          <Quick to="/me/statements" icon={<FileDoneOutlined />} label={t('workspace.me.quick.statements')} />
          <Quick to="/notifications" icon={<BellOutlined />} label={t('workspace.me.quick.notices')} />
          <Quick
            to="/announcements"
            icon={
              <Badge count={o?.announcements.unread ?? 0} size="small">
                <NotificationOutlined />
              </Badge>
            }
            label={t('workspace.me.quick.announcements')}
          />
          <Quick
            to="/feedback"
            icon={
              <Badge count={o?.feedback.answered ?? 0} size="small" color="green">
                <MessageOutlined />
              </Badge>
            }
            label={t('workspace.me.quick.feedback')}
          />
          <Quick to="/help" icon={<QuestionCircleOutlined />} label={t('workspace.me.quick.help')} />
        </nav>

        {hasEmployee && (
          <Card
            size="small"
            title={t('workspace.me.myMonth')}
            extra={
              <DatePicker
                picker="month"
                size="small"
                allowClear={false}
                inputReadOnly
                value={dayjs(`${month}-01`)}
                onChange={(v) => v && setMonth(v.format('YYYY-MM'))}
              />
            }
          >
            {calendar.error && <LoadError error={calendar.error} onRetry={calendar.reload} />}
            {calendar.data ? (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t('workspace.calendar.summary', calendar.data.summary)}
                </Typography.Paragraph>
                <MonthCalendar calendar={calendar.data} />
              </>
            ) : (
              <Spin />
            )}
          </Card>
        )}

        {hasEmployee && (
          <Card size="small" title={t('workspace.me.myPunches')}>
            <List
              size="small"
              loading={punches.loading}
              dataSource={punches.data ?? []}
              locale={{ emptyText: t('workspace.me.noPunches') }}
              renderItem={(p) => (
                <List.Item>
                  <span>{formatInstant(p.at).slice(0, 16)}</span>
                  <Space size={4}>
                    {p.direction && <Tag>{t(`punches.direction.${p.direction}`)}</Tag>}
                    <Typography.Text type="secondary">
                      {t(`workspace.records.methods.${p.method}` as 'workspace.records.methods.face')}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        )}

        {hasEmployee && (
          <Card size="small" title={t('workspace.me.balances')}>
            <List
              size="small"
              loading={balances.loading}
              dataSource={balances.data ?? []}
              locale={{ emptyText: t('workspace.me.noBalances') }}
              renderItem={(b) => (
                <List.Item>
                  <span>{leaveName(b.leaveType)}</span>
                  <span>
                    {t('workspace.me.available', { available: b.available, granted: b.granted })}{' '}
                    {t(`workspace.me.units.${b.unit}` as 'workspace.me.units.day')}
                  </span>
                </List.Item>
              )}
            />
          </Card>
        )}

        {hasEmployee && (
          <Card
            size="small"
            title={t('workspace.me.requests')}
            extra={<Link to="/attendance/requests">{t('workspace.me.allRequests')}</Link>}
          >
            {(requests.data ?? []).length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workspace.me.noRequests')} />
            ) : (
              <List
                size="small"
                dataSource={requests.data ?? []}
                renderItem={(r) => (
                  <List.Item style={{ display: 'block' }} data-request={r.id}>
                    <Flex justify="space-between" wrap gap={4}>
                      <span>
                        {t(`attendance.requests.kinds.${r.kind}`)} · {r.startDate}
                        {r.endDate !== r.startDate ? ` – ${r.endDate}` : ''}
                      </span>
                      <Tag>{t(`workspace.me.requestStatus.${r.status}`)}</Tag>
                    </Flex>
                    <Steps
                      size="small"
                      direction="horizontal"
                      responsive={false}
                      style={{ marginTop: 8 }}
                      current={r.status === 'pending' ? r.step + 1 : r.chain.length}
                      status={stepStatus(r)}
                      items={stepItems(r)}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        )}

        {o?.face && (
          <Card size="small" title={t('workspace.me.face')} data-testid="me-face">
            <Space direction="vertical" size={6}>
              <Tag color={o.face.enrolled ? 'green' : 'default'}>
                {o.face.enrolled
                  ? t('workspace.me.enrolled', { count: o.face.templates })
                  : t('workspace.me.notEnrolled')}
              </Tag>
              <Typography.Text>
                {o.face.consent
                  ? t('workspace.me.consentGiven', {
                      date: formatInstant(o.face.consent.acceptedAt).slice(0, 10),
                      version: o.face.consent.noticeVersion,
                    })
                  : t('workspace.me.noConsent')}
              </Typography.Text>
              <Link to="/me/consent">{t('workspace.me.consentPage')}</Link>
              {o.face.enrolled && (
                <Popconfirm title={t('workspace.me.deleteConfirm')} onConfirm={askDeletion}>
                  <Button danger size="small">
                    {t('workspace.me.deleteFace')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </Card>
        )}
      </div>
      <MyRequestForm
        open={asking}
        leaveTypes={leaveTypes.data ?? []}
        onClose={() => setAsking(false)}
        onSent={() => {
          setAsking(false);
          requests.reload();
          overview.reload();
        }}
      />
      <Drawer
        open={qr}
        onClose={() => setQr(false)}
        placement="bottom"
        size="large"
        title={t('workspace.me.quick.punchCode')}
        destroyOnHidden
      >
        <Suspense fallback={<Spin />}>
          <PunchCodePage />
        </Suspense>
      </Drawer>
    </div>
  );
}
