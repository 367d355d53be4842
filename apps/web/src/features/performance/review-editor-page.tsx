import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReviewOut, ScorecardOut } from '@steward/contracts';
import { ErrorAlert, errorText } from '../../shared/errors';
import { DATE, useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { localized, useKpiDefinitions } from './api';
import { PerfTabs } from './perf-tabs';
import {
  REVIEWER_ROLES,
  useAcknowledgeReview,
  useReview,
  useSignReview,
  useUpdateReview,
} from './review-api';
import { STATUS_COLOR } from './review-list-page';
import { ReviewPlanFields } from './review-plan';

type PlanValue = {
  text: string;
  ownerId: string;
  dueDate: Dayjs;
  status: string;
  carriedFrom?: string | null;
};
type Values = { strengths?: string; gaps?: string; feedback?: string; plan?: PlanValue[] };

const toForm = (r: ReviewOut): Values => ({
  strengths: r.strengths ?? '',
  gaps: r.gaps ?? '',
  feedback: r.feedback ?? '',
  plan: r.plan.map((p) => ({
    text: String(p.text ?? ''),
    ownerId: String(p.ownerId ?? ''),
    dueDate: dayjs(String(p.dueDate)),
    status: String(p.status ?? 'open'),
    carriedFrom: (p.carriedFrom as string | null | undefined) ?? null,
  })),
});
const toBody = (v: Values) => ({
  strengths: v.strengths ?? null,
  gaps: v.gaps ?? null,
  feedback: v.feedback ?? null,
  plan: (v.plan ?? []).map((p) => ({
    text: p.text,
    ownerId: p.ownerId,
    dueDate: p.dueDate.format(DATE),
    status: p.status as 'open',
    carriedFrom: p.carriedFrom ?? null,
  })),
});

/** A review: the lead writes and signs it; the reviewed manager reads and acknowledges it. */
export const ReviewEditorPage = () => {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const { message } = App.useApp();
  const review = useReview(id);
  const defs = new Map((useKpiDefinitions().data?.data ?? []).map((d) => [d.key, d]));
  const update = useUpdateReview(id);
  const sign = useSignReview(id);
  const acknowledge = useAcknowledgeReview(id);
  const [form] = Form.useForm<Values>();
  const [comment, setComment] = useState('');
  const r = review.data;

  useEffect(() => {
    if (r) form.setFieldsValue(toForm(r));
  }, [r, form]);

  if (review.error) return <ErrorAlert error={review.error} onRetry={() => void review.refetch()} />;
  if (!r) return <Card loading />;
  const editable =
    r.status === 'draft' && REVIEWER_ROLES.includes(me.user.role) && r.managerId !== me.user.id;
  const owners = [
    { value: r.managerId, label: r.managerName ?? r.managerId },
    { value: r.reviewerId, label: r.reviewerName ?? r.reviewerId },
  ];
  const card = r.scorecard as Partial<ScorecardOut>;
  const fail = (e: unknown) => message.error(errorText(t, e));

  const save = async () => {
    const v = await form.validateFields();
    await update.mutateAsync(toBody(v));
  };
  const onSave = () => save().then(() => message.success(t('perfReviews.saved')), fail);
  const onSign = () =>
    save()
      .then(() => sign.mutateAsync())
      .then(() => message.success(t('perfReviews.signed')), fail);
  const onAcknowledge = () =>
    acknowledge.mutateAsync(comment).then(() => message.success(t('perfReviews.acknowledged')), fail);

  return (
    <Flex vertical gap={16}>
      <PerfTabs />
      <Link to="/performance/reviews">{t('perfReviews.back')}</Link>
      <Flex gap={12} align="baseline" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('perfReviews.heading', { name: r.managerName, kind: t(`perfReviews.kinds.${r.periodKind}`) })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {r.periodStart} ~ {r.periodEnd}
        </Typography.Text>
        <Tag color={STATUS_COLOR[r.status]} data-testid="review-status">
          {t(`perfReviews.status.${r.status}`)}
        </Tag>
        {r.signedAt && (
          <Typography.Text type="secondary">
            {t('perfReviews.signedAt', { at: fmt.dateTime(r.signedAt) })}
          </Typography.Text>
        )}
        {r.acknowledgedAt && (
          <Typography.Text type="secondary">
            {t('perfReviews.acknowledgedAt', { at: fmt.dateTime(r.acknowledgedAt) })}
          </Typography.Text>
        )}
      </Flex>
      {r.status !== 'draft' && (
        <Alert type="info" showIcon title={t('perfReviews.locked')} data-testid="review-locked" />
      )}
      <Card title={`${t('perfReviews.snapshot')} · ${t('scorecard.overall')} ${card.overall ?? '—'}`}>
        <Table
          rowKey="kpi"
          size="small"
          pagination={false}
          dataSource={card.items ?? []}
          columns={[
            {
              title: t('scorecard.columns.kpi'),
              key: 'kpi',
              render: (_, i) => {
                const d = defs.get(i.kpi);
                return d ? localized(d.name, fmt.lang) : i.kpi;
              },
            },
            { title: t('scorecard.columns.weight'), dataIndex: 'weight' },
            { title: t('scorecard.columns.target'), dataIndex: 'target' },
            {
              title: t('scorecard.columns.actual'),
              key: 'actual',
              render: (_, i) => String(i.actual ?? '—'),
            },
            { title: t('scorecard.columns.points'), dataIndex: 'points' },
          ]}
        />
      </Card>
      <Card>
        <Form form={form} layout="vertical" disabled={!editable}>
          <Form.Item name="strengths" label={t('perfReviews.strengths')}>
            <Input.TextArea rows={3} data-testid="review-strengths" />
          </Form.Item>
          <Form.Item name="gaps" label={t('perfReviews.gaps')}>
            <Input.TextArea rows={3} data-testid="review-gaps" />
          </Form.Item>
          <Form.Item name="feedback" label={t('perfReviews.feedback')}>
            <Input.TextArea rows={3} data-testid="review-feedback" />
          </Form.Item>
          <Form.Item label={t('perfReviews.plan')}>
            <ReviewPlanFields owners={owners} disabled={!editable} />
          </Form.Item>
        </Form>
        {editable && (
          <Flex gap={8}>
            <Button onClick={() => void onSave()} loading={update.isPending} data-testid="review-save">
              {t('perfReviews.save')}
            </Button>
            {r.reviewerId === me.user.id && (
              <Popconfirm
                title={t('perfReviews.signConfirm')}
                okText={t('perfReviews.sign')}
                cancelText={t('common.cancel')}
                onConfirm={() => void onSign()}
                okButtonProps={{ 'data-testid': 'review-sign-confirm' } as ButtonProps}
              >
                <Button type="primary" loading={sign.isPending} data-testid="review-sign">
                  {t('perfReviews.sign')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        )}
      </Card>
      {r.status === 'signed' && r.managerId === me.user.id && (
        <Card title={t('perfReviews.acknowledge')}>
          <Flex vertical gap={8}>
            <Input.TextArea
              rows={3}
              placeholder={t('perfReviews.comment')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="ack-comment"
            />
            <div>
              <Button
                type="primary"
                onClick={() => void onAcknowledge()}
                loading={acknowledge.isPending}
                data-testid="review-acknowledge"
              >
                {t('perfReviews.acknowledge')}
              </Button>
            </div>
          </Flex>
        </Card>
      )}
      {r.managerComment && (
        <Card title={t('perfReviews.managerComment')}>
          <Typography.Paragraph data-testid="manager-comment">{r.managerComment}</Typography.Paragraph>
        </Card>
      )}
    </Flex>
  );
};
