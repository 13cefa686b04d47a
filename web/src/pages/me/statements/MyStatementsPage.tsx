// Self-service monthly statements: my published months, each explained line by line (also as a PDF); appeal
// from here.
import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, withQuery } from '../../../api/client';
import { LoadError } from '../../../components/LoadError';
import { useLoad } from '../../../components/useLoad';
import { normaliseLanguage } from '../../../i18n';
import type { Statement } from '../../assessment/api';
import { StatementView } from '../../assessment/StatementView';

export default function MyStatementsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const months = useLoad(
    () => api.get<{ month: string; status: string; appealUntil: string | null }[]>('/api/me/statements'),
    [],
  );
  const [month, setMonth] = useState<string | null>(params.get('month'));
  useEffect(() => {
    if (!month && months.data?.length) setMonth(months.data[0].month);
  }, [months.data, month]);
  const statement = useLoad(
    () => (month ? api.get<Statement>('/api/assessment/statement', { month }) : Promise.resolve(null)),
    [month],
  );
  if (months.error) return <LoadError error={months.error} onRetry={months.reload} />;
  if (months.data && months.data.length === 0)
    return (
      <Card>
        <Empty description={t('assessment.statement.none')} />
      </Card>
    );
  const info = months.data?.find((m) => m.month === month);
  return (
    <Card>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          style={{ width: 140 }}
          value={month}
          onChange={setMonth}
          options={(months.data ?? []).map((m) => ({ value: m.month, label: m.month }))}
        />
        {info && <Tag>{t(`assessment.status.${info.status as 'published'}`)}</Tag>}
        {month && statement.data && (
          <Button
            icon={<FilePdfOutlined />}
            href={withQuery('/api/assessment/statement/pdf', {
              month,
              language: normaliseLanguage(i18n.resolvedLanguage ?? i18n.language),
            })}
            download
          >
            {t('assessment.statement.pdf')}
          </Button>
        )}
        {info?.status === 'published' && info.appealUntil && (
          <>
            <span>{t('assessment.appealUntil', { date: info.appealUntil })}</span>
            <Button onClick={() => navigate(`/me/appeals?month=${month}`)}>
              {t('assessment.statement.appeal')}
            </Button>
          </>
        )}
      </Flex>
      {statement.error && <LoadError error={statement.error} onRetry={statement.reload} />}
      {statement.data && <StatementView s={statement.data} />}
    </Card>
  );
}
