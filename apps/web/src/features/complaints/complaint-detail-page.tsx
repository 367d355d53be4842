import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import type { ComplaintOut } from '@steward/contracts';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { NotFoundResult } from '../../shared/not-found-result';
import { useSession } from '../../shared/session';
import { COMPLAINT_WRITERS, useComplaint, useComplaintAction } from './api';
import { ComplaintActions } from './complaint-actions';
import { ComplaintTimeline } from './complaint-timeline';
import { SeverityTag, SlaCountdown, StatusTag, useCode } from './labels';

/** One complaint: its SLA, the allowed status moves, resolution, notes and the timeline. */
export const ComplaintDetailPage = () => {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const complaint = useComplaint(id);
  if (complaint.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (complaint.error instanceof ApiError && [400, 404].includes(complaint.error.status))
    return <NotFoundResult title={t('complaints.notFound')} />;
  if (complaint.error || !complaint.data)
    return <ErrorAlert error={complaint.error} onRetry={() => void complaint.refetch()} />;
  return <ComplaintView complaint={complaint.data} />;
};

const ComplaintView = ({ complaint: c }: { complaint: ComplaintOut }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const code = useCode();
  const me = useSession();
  const { message } = App.useApp();
  const action = useComplaintAction(c.id);
  const [noteForm] = Form.useForm<{ note: string }>();
  const [editForm] = Form.useForm<{ resolution: string; rootCause: string }>();
  const canWrite = COMPLAINT_WRITERS.includes(me.user.role);

  const save = (path: '' | 'notes', body: unknown, done?: () => void) =>
    action.mutate(
      { path, body },
      {
        onSuccess: () => {
          message.success(t('complaints.saved'));
          done?.();
        },
        onError: (e) => message.error(errorText(t, e)),
      },
    );

  const due = (iso: string, warn: string | null) => (
    <span>
      {fmt.dateTime(iso)}
      {warn && (
        <Typography.Text type="secondary">
          {' '}
          ({t('complaints.warnAt', { at: fmt.dateTime(warn) })})
        </Typography.Text>
      )}
    </span>
  );

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="flex-start" wrap gap={16}>
          <Space orientation="vertical" size={4}>
            <Space wrap align="center">
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('complaints.detailTitle', { customer: c.customerName ?? '—' })}
              </Typography.Title>
              <SeverityTag severity={c.severity} />
              <StatusTag status={c.status} />
              <SlaCountdown complaint={c} />
            </Space>
            <Typography.Text type="secondary">
              {code('category', c.category)} · {code('channel', c.channel)} · {fmt.dateTime(c.createdAt)}
            </Typography.Text>
          </Space>
          {canWrite && <ComplaintActions complaint={c} />}
        </Flex>
        <Typography.Paragraph
          style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}
          data-testid="complaint-description"
        >
          {c.description}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'customer',
              label: t('complaints.fields.customer'),
              children: <Link to={`/customers/${c.customerId}`}>{c.customerName ?? '—'}</Link>,
            },
            { key: 'assignee', label: t('complaints.fields.assignee'), children: c.assigneeName ?? '—' },
            { key: 'owner', label: t('complaints.fields.owner'), children: c.ownerName ?? '—' },
            {
              key: 'mode',
              label: t('complaints.fields.slaMode'),
              children: t(`complaints.mode.${c.slaMode}`),
            },
            {
              key: 'frDue',
              label: t('complaints.fields.firstResponseDueAt'),
              children: due(c.firstResponseDueAt, c.firstResponseWarnAt),
            },
            {
              key: 'frAt',
              label: t('complaints.fields.firstRespondedAt'),
              children: fmt.dateTime(c.firstRespondedAt),
            },
            {
              key: 'resDue',
              label: t('complaints.fields.resolutionDueAt'),
              children: due(c.resolutionDueAt, c.resolutionWarnAt),
            },
            { key: 'resAt', label: t('complaints.fields.resolvedAt'), children: fmt.dateTime(c.resolvedAt) },
            ...(c.escalatedTo
              ? [
                  {
                    key: 'esc',
                    label: t('complaints.fields.escalatedTo'),
                    children:
                      c.escalatedTo === 'lead' ? t('complaints.toLead') : code('department', c.escalatedTo),
                  },
                ]
              : []),
            ...(c.deadlineTemplate
              ? [
                  {
                    key: 'tpl',
                    label: t('complaints.fields.deadlineTemplate'),
                    children: c.extendedAt
                      ? t('complaints.extendedBecause', { reason: c.extensionReason })
                      : c.deadlineTemplate,
                  },
                ]
              : []),
            ...(c.reopenCount
              ? [{ key: 'reopen', label: t('complaints.fields.reopenCount'), children: c.reopenCount }]
              : []),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('complaints.resolutionCard')}>
            <Form
              form={editForm}
              layout="vertical"
              disabled={!canWrite}
              initialValues={{ resolution: c.resolution ?? '', rootCause: c.rootCause ?? '' }}
              onFinish={(v) =>
                save('', { resolution: v.resolution.trim() || null, rootCause: v.rootCause.trim() || null })
              }
            >
              <Form.Item name="resolution" label={t('complaints.fields.resolution')}>
                <Input.TextArea rows={3} maxLength={10_000} data-testid="complaint-resolution" />
              </Form.Item>
              <Form.Item name="rootCause" label={t('complaints.fields.rootCause')}>
                <Input.TextArea rows={2} maxLength={4000} />
              </Form.Item>
              <Button htmlType="submit" loading={action.isPending && action.variables?.path === ''}>
                {t('common.save')}
              </Button>
            </Form>
          </Card>
          {canWrite && (
            <Card title={t('complaints.noteCard')} style={{ marginTop: 16 }}>
              <Form
                form={noteForm}
                onFinish={(v) => save('notes', { note: v.note.trim() }, () => noteForm.resetFields())}
              >
                <Form.Item
                  name="note"
                  rules={[{ required: true, whitespace: true, message: t('complaints.required') }]}
                >
                  <Input.TextArea
                    rows={2}
                    maxLength={4000}
                    placeholder={t('complaints.notePlaceholder')}
                    data-testid="complaint-note"
                  />
                </Form.Item>
                <Button htmlType="submit" data-testid="complaint-note-submit">
                  {t('complaints.addNote')}
                </Button>
              </Form>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('complaints.timeline')}>
            <ComplaintTimeline id={c.id} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
};
