import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { COMPLAINT_DEPARTMENTS, type ComplaintOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { useComplaintAction } from './api';

type Dialog = 'escalate' | 'extend' | null;

/** Status moves (the ones the server allows now), escalation and the deadline extension. */
export const ComplaintActions = ({ complaint: c }: { complaint: ComplaintOut }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useComplaintAction(c.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<{ to?: string; note?: string; reason?: string }>();
  const finished = c.status === 'resolved' || c.status === 'closed';

  const run = (path: 'transition' | 'escalate' | 'extend', body: unknown, done?: () => void) =>
    action.mutate(
      { path, body },
      {
        onSuccess: () => {
          message.success(t('complaints.saved'));
          done?.();
        },
        onError: (e) =>
          message.error(
            e instanceof ApiError && e.code === 'illegal_transition'
              ? t('complaints.illegalTransition')
              : errorText(t, e),
          ),
      },
    );

  const label = (to: string) =>
    finished && to === 'in_progress' ? t('complaints.action.reopen') : t(`complaints.action.${to}`);

  return (
    <Space wrap>
      {c.allowedTransitions.map((to) => (
        <Button
          key={to}
          type={to === 'resolved' || to === 'acknowledged' ? 'primary' : 'default'}
          loading={action.isPending && action.variables?.path === 'transition'}
          onClick={() => run('transition', { to })}
          data-testid={`transition-${to}`}
        >
          {label(to)}
        </Button>
      ))}
      {!finished && (
        <Button onClick={() => setDialog('escalate')} data-testid="escalate">
          {t('complaints.escalate')}
        </Button>
      )}
      {!finished && c.deadlineTemplate && !c.extendedAt && (
        <Button onClick={() => setDialog('extend')} data-testid="extend">
          {t('complaints.extend')}
        </Button>
      )}
      <Modal
        open={dialog !== null}
        title={dialog === 'extend' ? t('complaints.extendTitle') : t('complaints.escalateTitle')}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={action.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ to: 'lead' }}
          onFinish={(v) =>
            dialog === 'extend'
              ? run('extend', { reason: v.reason }, () => setDialog(null))
              : run('escalate', { to: v.to, note: v.note }, () => setDialog(null))
          }
        >
          {dialog === 'escalate' && (
            <Form.Item name="to" label={t('complaints.escalateTo')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'lead', label: t('complaints.toLead') },
                  ...COMPLAINT_DEPARTMENTS.map((d) => ({ value: d, label: t(`complaints.department.${d}`) })),
                ]}
              />
            </Form.Item>
          )}
          <Form.Item
            name={dialog === 'extend' ? 'reason' : 'note'}
            label={dialog === 'extend' ? t('complaints.extendReason') : t('complaints.fields.note')}
            rules={[{ required: true, whitespace: true, message: t('complaints.required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
};
