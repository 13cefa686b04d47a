// Attendance groups (考勤组): who is in them from when (employees or whole departments: the roll-out), their
// weekly or rotating schedule with an effective-from date, and their rules, which HR can try on last month's
// data before saving.
import { DeleteOutlined, EditOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { departmentOptions, departmentPath } from '../../components/departmentTree';
import { EmployeePicker } from '../../components/EmployeePicker';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';
import { useOrgRefs } from '../../components/useOrgRefs';
import type { Calendar, Group, Member, Preview, ScheduleVersion, Shift } from './api';
import { PreviewModal } from './PreviewModal';
import { cleanRules, RulesFields } from './RulesFields';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

interface Values {
  name: string;
  zone: string;
  calendarId: number | null;
  kind: 'weekly' | 'rotating';
  effectiveFrom: Dayjs;
  days: Record<string, string | undefined>;
  cycle: string;
  anchorDate: Dayjs;
  rules: Record<string, unknown>;
}

function versionOf(v: Values): ScheduleVersion {
  const effectiveFrom = v.effectiveFrom.format('YYYY-MM-DD');
  if (v.kind === 'rotating') {
    return {
      effectiveFrom,
      schedule: {
        kind: 'rotating',
        cycle: v.cycle.split(',').map((s) => (s.trim() === '' || s.trim() === '-' ? null : s.trim())),
        anchorDate: v.anchorDate.format('YYYY-MM-DD'),
      },
    };
  }
  return {
    effectiveFrom,
    schedule: { kind: 'weekly', days: Object.fromEntries(WEEK.map((d) => [d, v.days?.[d] ?? null])) },
  };
}

function withVersion(versions: ScheduleVersion[], next: ScheduleVersion): ScheduleVersion[] {
  return [...versions.filter((v) => v.effectiveFrom !== next.effectiveFrom), next].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : 1,
  );
}

export default function GroupsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const canWrite = can('attendance.configure');
  const { refs } = useOrgRefs();
  const groups = useLoad(() => api.get<Group[]>('/api/attendance/groups'), []);
  const shifts = useLoad(() => api.get<Shift[]>('/api/attendance/shifts'), []);
  const calendars = useLoad(() => api.get<Calendar[]>('/api/attendance/calendars'), []);
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [newMember, setNewMember] = useState<{ kind: 'department' | 'employee'; id?: number; from: Dayjs }>({
    kind: 'department',
    from: dayjs(),
  });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const shiftOptions = (shifts.data ?? []).map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }));

  const open = (g: Group | 'new') => {
    setEditing(g);
    setMembers(g === 'new' ? [] : g.members);
    const latest = g === 'new' ? undefined : g.versions[g.versions.length - 1];
    const s = latest?.schedule;
    form.resetFields();
    form.setFieldsValue({
      name: g === 'new' ? '' : g.name,
      zone: g === 'new' ? 'Asia/Shanghai' : g.zone,
      calendarId: g === 'new' ? (calendars.data?.[0]?.id ?? null) : g.calendarId,
      kind: s?.kind ?? 'weekly',
      effectiveFrom: dayjs(latest?.effectiveFrom ?? dayjs().format('YYYY-MM-01')),
      days: s?.kind === 'weekly' ? (s.days as Record<string, string>) : {},
      cycle: s?.kind === 'rotating' ? s.cycle.map((c) => c ?? '-').join(',') : '',
      anchorDate: dayjs(s?.kind === 'rotating' ? s.anchorDate : undefined),
      rules: g === 'new' ? {} : g.rules,
    });
  };

  const draft = async () => {
    const v = await form.validateFields();
    const versions = withVersion(editing && editing !== 'new' ? editing.versions : [], versionOf(v));
    return { v, versions, rules: cleanRules(v.rules) };
  };

  const tryIt = async () => {
    if (!editing || editing === 'new') return;
    setBusy(true);
    try {
      const { versions, rules } = await draft();
      setPreview(
        await api.post<Preview>('/api/attendance/preview', {
          draft: { groups: [{ id: editing.id, rules, versions }] },
        }),
      );
    } catch (err) {
      if (err instanceof Error) notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setBusy(true);
    try {
      const { v, versions, rules } = await draft();
      const body = { name: v.name, zone: v.zone, calendarId: v.calendarId ?? null, rules, versions };
      const saved =
        editing === 'new'
          ? await api.post<Group>('/api/attendance/groups', body)
          : await api.patch<Group>(`/api/attendance/groups/${(editing as Group).id}`, body);
      await api.put(`/api/attendance/groups/${saved.id}/members`, { members });
      notify.ok(t('attendance.saved'));
      setEditing(null);
      groups.reload();
    } catch (err) {
      if (err instanceof Error) notify.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const addMember = () => {
    if (!newMember.id) return;
    setMembers([
      ...members,
      {
        employeeId: newMember.kind === 'employee' ? newMember.id : null,
        departmentId: newMember.kind === 'department' ? newMember.id : null,
        from: newMember.from.format('YYYY-MM-DD'),
        to: null,
      },
    ]);
    setNewMember({ ...newMember, id: undefined });
  };

  return (
    <Card
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('attendance.groups.create')}
          </Button>
        )
      }
    >
      {groups.error && <LoadError error={groups.error} onRetry={groups.reload} />}
      <Table<Group>
        rowKey="id"
        loading={groups.loading}
        dataSource={groups.data ?? []}
        pagination={false}
        columns={[
          { title: t('attendance.name'), dataIndex: 'name' },
          { title: t('attendance.groups.zone'), dataIndex: 'zone' },
          { title: t('attendance.grid.employee'), dataIndex: 'employeeCount' },
          {
            title: t('attendance.groups.schedule'),
            render: (_, g) =>
              g.versions.map((v) => (
                <Tag key={v.effectiveFrom}>
                  {v.effectiveFrom} · {t(`attendance.groups.kinds.${v.schedule.kind}`)}
                </Tag>
              )),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, g) => (
              <Space>
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => open(g)}
                />
                {canWrite && (
                  <Popconfirm
                    title={t('attendance.groups.deleteConfirm', { name: g.name })}
                    onConfirm={async () => {
                      try {
                        await api.delete(`/api/attendance/groups/${g.id}`);
                        groups.reload();
                      } catch (err) {
                        notify.fail(err);
                      }
                    }}
                  >
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                    />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={!!editing}
        width={760}
        title={editing === 'new' ? t('attendance.groups.create') : t('common.edit')}
        onClose={() => setEditing(null)}
        extra={
          canWrite && (
            <Space>
              {editing !== 'new' && (
                <Button icon={<ExperimentOutlined />} onClick={tryIt} loading={busy}>
                  {t('attendance.groups.tryLastMonth')}
                </Button>
              )}
              <Button type="primary" onClick={save} loading={busy}>
                {t('common.save')}
              </Button>
            </Space>
          )
        }
      >
        <Form form={form} layout="vertical" disabled={!canWrite}>
          <Flex gap={12}>
            <Form.Item
              name="name"
              label={t('attendance.name')}
              rules={[{ required: true, whitespace: true }]}
              style={{ flex: 1 }}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="zone"
              label={t('attendance.groups.zone')}
              rules={[{ required: true }]}
              style={{ flex: 1 }}
            >
              <Input />
            </Form.Item>
            <Form.Item name="calendarId" label={t('attendance.groups.calendar')} style={{ flex: 1 }}>
              <Select options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Flex>
          <Divider titlePlacement="start">{t('attendance.groups.schedule')}</Divider>
          <Typography.Paragraph type="secondary">
            {(editing && editing !== 'new' ? editing.versions : []).map((v) => v.effectiveFrom).join(' · ')}
          </Typography.Paragraph>
          <Flex gap={12}>
            <Form.Item name="kind">
              <Radio.Group
                options={[
                  { value: 'weekly', label: t('attendance.groups.kinds.weekly') },
                  { value: 'rotating', label: t('attendance.groups.kinds.rotating') },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="effectiveFrom"
              label={t('attendance.groups.effectiveFrom')}
              rules={[{ required: true }]}
            >
              <DatePicker allowClear={false} />
            </Form.Item>
          </Flex>
          {kind === 'rotating' ? (
            <Flex gap={12}>
              <Form.Item
                name="cycle"
                label={t('attendance.groups.cycle')}
                extra={t('attendance.groups.cycleHelp')}
                rules={[{ required: true }]}
                style={{ flex: 1 }}
              >
                <Input placeholder="day,day,night,night,-,-" />
              </Form.Item>
              <Form.Item
                name="anchorDate"
                label={t('attendance.groups.anchorDate')}
                rules={[{ required: true }]}
              >
                <DatePicker allowClear={false} />
              </Form.Item>
            </Flex>
          ) : (
            <Flex gap={8} wrap>
              {WEEK.map((d) => (
                <Form.Item
                  key={d}
                  name={['days', d]}
                  label={t(`attendance.weekdays.${d}`)}
                  style={{ width: 96 }}
                >
                  <Select allowClear options={shiftOptions} placeholder={t('attendance.status.rest')} />
                </Form.Item>
              ))}
            </Flex>
          )}
          <Divider titlePlacement="start">{t('attendance.groups.rules')}</Divider>
          <RulesFields />
        </Form>
        <Divider titlePlacement="start">{t('attendance.groups.members')}</Divider>
        <List
          size="small"
          dataSource={members}
          renderItem={(m, i) => (
            <List.Item
              actions={
                canWrite
                  ? [
                      <Button
                        key="remove"
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                        onClick={() => setMembers(members.filter((_, k) => k !== i))}
                      />,
                    ]
                  : []
              }
            >
              {m.departmentId !== null
                ? `${t('attendance.groups.department')}: ${departmentPath(refs.departments, m.departmentId)}`
                : `${t('attendance.grid.employee')} #${m.employeeId}`}
              {' · '}
              {t('attendance.groups.fromDate', { date: m.from })}
            </List.Item>
          )}
        />
        {canWrite && (
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            <Radio.Group
              value={newMember.kind}
              onChange={(e) => setNewMember({ ...newMember, kind: e.target.value, id: undefined })}
              options={[
                { value: 'department', label: t('attendance.groups.department') },
                { value: 'employee', label: t('attendance.grid.employee') },
              ]}
            />
            {newMember.kind === 'department' ? (
              <TreeSelect
                style={{ minWidth: 220 }}
                treeData={departmentOptions(refs.departments)}
                value={newMember.id}
                onChange={(v) => setNewMember({ ...newMember, id: v })}
                treeDefaultExpandAll
              />
            ) : (
              <div style={{ minWidth: 220 }}>
                <EmployeePicker
                  value={newMember.id ?? null}
                  onChange={(v) => setNewMember({ ...newMember, id: v ?? undefined })}
                />
              </div>
            )}
            <DatePicker
              value={newMember.from}
              allowClear={false}
              onChange={(v) => v && setNewMember({ ...newMember, from: v })}
              aria-label={t('attendance.groups.effectiveFrom')}
            />
            <Button onClick={addMember} icon={<PlusOutlined />}>
              {t('attendance.groups.addMember')}
            </Button>
          </Flex>
        )}
      </Drawer>
      {preview && <PreviewModal preview={preview} onClose={() => setPreview(null)} />}
    </Card>
  );
}
