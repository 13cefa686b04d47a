// Feedback and questions about the system (意见反馈): anyone sends one and reads HR's answer here; HR sees
// everyone's, filters those still waiting, and answers.
import {
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Paged } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { formatInstant } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { useLoad } from '../../components/useLoad';
import { useNotify } from '../../components/useNotify';

type Category = 'question' | 'problem' | 'suggestion';
const CATEGORIES: Category[] = ['question', 'problem', 'suggestion'];

interface Feedback {
  id: number;
  category: Category;
  subject: string;
  body: string;
  status: 'open' | 'answered';
  askedBy: string;
  createdAt: string;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
}

export default function FeedbackPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const answers = can('feedback.answer');
  const [params] = useSearchParams();
  const highlight = Number(params.get('open')) || null;
  const [onlyOpen, setOnlyOpen] = useState(answers);
  const [mine, setMine] = useState(false);
  const [answering, setAnswering] = useState<Feedback | null>(null);
  const [form] = Form.useForm<{ category: Category; subject: string; body: string }>();
  const [answerForm] = Form.useForm<{ answer: string }>();
  const list = useLoad(
    () =>
      api.get<Paged<Feedback>>('/api/feedback', {
        status: onlyOpen ? 'open' : undefined,
        mine: mine || undefined,
        limit: 200,
      }),
    [onlyOpen, mine],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll once the list has loaded
  useEffect(() => {
    if (highlight) document.querySelector(`[data-feedback="${highlight}"]`)?.scrollIntoView();
  }, [highlight, list.data]);

  const send = async (values: { category: Category; subject: string; body: string }) => {
    try {
      await api.post('/api/feedback', values);
      notify.ok(t('workspace.feedback.sent'));
      form.resetFields();
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };
  const answer = async ({ answer }: { answer: string }) => {
    if (!answering) return;
    try {
      await api.post(`/api/feedback/${answering.id}/answer`, { answer });
      notify.ok(t('workspace.feedback.answerSaved'));
      setAnswering(null);
      answerForm.resetFields();
      list.reload();
    } catch (err) {
      notify.fail(err);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card title={t('workspace.feedback.new')} size="small">
        <Form form={form} layout="vertical" onFinish={send} initialValues={{ category: 'question' }}>
          <Form.Item name="category" label={t('workspace.feedback.category')} rules={[{ required: true }]}>
            <Select
              style={{ maxWidth: 240 }}
              options={CATEGORIES.map((c) => ({ value: c, label: t(`workspace.feedback.categories.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="subject"
            label={t('workspace.feedback.subject')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('workspace.feedback.body')}
            rules={[{ required: true, whitespace: true, max: 5000 }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('workspace.feedback.new')}
          </Button>
        </Form>
      </Card>
      <Card
        size="small"
        extra={
          answers && (
            <Space>
              <Checkbox checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)}>
                {t('workspace.feedback.onlyOpen')}
              </Checkbox>
              <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>
                {t('workspace.feedback.mine')}
              </Checkbox>
            </Space>
          )
        }
      >
        {list.error && <LoadError error={list.error} onRetry={list.reload} />}
        <List
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('workspace.feedback.empty')} /> }}
          renderItem={(f) => (
            <List.Item
              data-feedback={f.id}
              style={f.id === highlight ? { background: '#e6f4ff' } : undefined}
              actions={
                answers
                  ? [
                      <Button key="answer" size="small" onClick={() => setAnswering(f)}>
                        {t('workspace.feedback.answerAction')}
                      </Button>,
                    ]
                  : undefined
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{f.subject}</span>
                    <Tag>{t(`workspace.feedback.categories.${f.category}`)}</Tag>
                    <Tag color={f.status === 'answered' ? 'green' : 'gold'}>
                      {t(`workspace.feedback.status.${f.status}`)}
                    </Tag>
                  </Space>
                }
                description={t('workspace.feedback.askedBy', {
                  name: f.askedBy,
                  time: formatInstant(f.createdAt),
                })}
              />
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                {f.body}
              </Typography.Paragraph>
              {f.answer && (
                <Card size="small" type="inner" title={t('workspace.feedback.answer')} data-answer>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                    {f.answer}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {t('workspace.feedback.answeredBy', {
                      name: f.answeredBy ?? '',
                      time: formatInstant(f.answeredAt),
                    })}
                  </Typography.Text>
                </Card>
              )}
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={answering !== null}
        onCancel={() => setAnswering(null)}
        onOk={() => answerForm.submit()}
        title={answering?.subject}
        okText={t('workspace.feedback.answerAction')}
        destroyOnHidden
      >
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{answering?.body}</Typography.Paragraph>
        <Form
          form={answerForm}
          layout="vertical"
          onFinish={answer}
          initialValues={{ answer: answering?.answer ?? '' }}
        >
          <Form.Item
            name="answer"
            label={t('workspace.feedback.answer')}
            rules={[{ required: true, whitespace: true, max: 5000 }]}
          >
            <Input.TextArea rows={5} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
