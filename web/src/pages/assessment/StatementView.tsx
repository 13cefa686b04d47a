// One employee's monthly statement: the figures, how the score is made, the ledger lines and earlier versions.
import { Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { percent, type Statement, yuan } from './api';

export function StatementView({ s }: { s: Statement }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item
          label={t('assessment.fields.employee')}
        >{`${s.employeeNo} · ${s.name}`}</Descriptions.Item>
        <Descriptions.Item label={t('assessment.fields.attendanceRate')}>
          {percent(s.attendanceRate)}
        </Descriptions.Item>
        <Descriptions.Item
          label={t('assessment.fields.days')}
        >{`${s.daysScheduled} / ${s.daysAttended}`}</Descriptions.Item>
        <Descriptions.Item label={t('assessment.fields.late')}>
          {t('assessment.statement.timesMinutes', { count: s.lateCount, minutes: s.lateMinutes })}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.fields.earlyLeave')}>
          {t('assessment.statement.timesMinutes', { count: s.earlyLeaveCount, minutes: s.earlyLeaveMinutes })}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.fields.absent')}>{s.absentDays}</Descriptions.Item>
        <Descriptions.Item label={t('assessment.fields.missing')}>{s.missingPunches}</Descriptions.Item>
        <Descriptions.Item label={t('assessment.fields.leaveDays')}>{s.leaveDays}</Descriptions.Item>
        {Object.keys(s.leave).length > 0 && (
          <Descriptions.Item label={t('assessment.fields.leaveByType')}>
            {Object.entries(s.leave)
              .map(([code, l]) => `${l.name ?? code} ${l.days}`)
              .join('; ')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('assessment.fields.score')}>
          <Typography.Text strong data-testid="statement-score">
            {s.score}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.fields.total')}>
          <Typography.Text strong type={s.totalFen < 0 ? 'danger' : undefined} data-testid="statement-total">
            {yuan(s.totalFen)}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>
          {t('assessment.statement.scoreLines')} ·{' '}
          {t('assessment.statement.score', { score: s.score, base: s.scoreBase })}
        </Typography.Title>
        <List size="small" dataSource={s.scoreLines} renderItem={(l) => <List.Item>{l.text}</List.Item>} />
      </div>
      <div>
        <Typography.Title level={5}>{t('assessment.statement.ledger')}</Typography.Title>
        {s.ledger.length === 0 ? (
          <Empty description={t('assessment.statement.noLines')} />
        ) : (
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={s.ledger}
            columns={[
              {
                title: t('assessment.fields.date'),
                dataIndex: 'date',
                width: 110,
                render: (d) => d ?? s.cycle.month,
              },
              { title: t('assessment.fields.line'), dataIndex: 'text' },
              {
                title: t('assessment.fields.amount'),
                dataIndex: 'amountFen',
                width: 100,
                align: 'right',
                render: (f: number) => (
                  <Typography.Text type={f < 0 ? 'danger' : undefined}>{yuan(f)}</Typography.Text>
                ),
              },
            ]}
          />
        )}
      </div>
      {s.history.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('assessment.statement.history')}</Typography.Title>
          <List
            size="small"
            dataSource={[
              { version: s.version, score: s.score, totalFen: s.totalFen, cause: s.cause },
              ...s.history,
            ]}
            renderItem={(h) => (
              <List.Item>
                <Space>
                  <Tag>v{h.version}</Tag>
                  {`${t('assessment.fields.score')} ${h.score} · ${yuan(h.totalFen)}`}
                  <Typography.Text type="secondary">{h.cause}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
    </Space>
  );
}
