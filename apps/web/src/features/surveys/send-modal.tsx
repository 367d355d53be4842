import { useEffect, useState } from 'react';
import { Alert, Form, Input, List, Modal, Radio, Result, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { STAGES, TIERS, type SurveySendBody, type SurveySendResult } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { useRecipientSearch, useSendSurveys, useSurveyTemplates } from './api';

type Values = {
  templateId: string;
  mode: 'customers' | 'segment';
  customerIds?: string[];
  tier?: string;
  stage?: string;
  tag?: string;
  language: 'org' | 'zh-CN' | 'en-US';
};
type Props = { open: boolean; onClose: () => void };

const FIELDS = ['templateId', 'customerIds', 'language'];

/** Chooses customers as the user types; remembers the names of the ones chosen. */
const RecipientSelect = (props: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) => {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useRecipientSearch(q);
  const options = [
    ...(props.value ?? []).filter((id) => names[id]).map((id) => ({ value: id, label: names[id] })),
    ...(found.data?.data ?? [])
      .filter((c) => !(props.value ?? []).includes(c.id))
      .map((c) => ({ value: c.id, label: c.name })),
  ];
  return (
    <Select
      id={props.id}
      mode="multiple"
      value={props.value}
      onChange={(ids: string[]) => {
        const more = Object.fromEntries((found.data?.data ?? []).map((c) => [c.id, c.name]));
        setNames((n) => ({ ...n, ...more }));
        props.onChange?.(ids);
      }}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={options}
      loading={found.isFetching}
      placeholder={t('surveys.send.customersPlaceholder')}
      notFoundContent={q ? t('surveys.send.noCustomers') : t('surveys.send.typeToSearch')}
      data-testid="send-customers"
    />
  );
};

/** Sends a survey to chosen customers or to a segment of the caller's customers. */
export const SendModal = ({ open, onClose }: Props) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const templates = useSurveyTemplates();
  const send = useSendSurveys();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SurveySendResult | null>(null);
  const mode = Form.useWatch('mode', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setResult(null);
    form.resetFields();
  }, [open, form]);

  const submit = (v: Values) => {
    setError(null);
    const segment = { tier: v.tier, stage: v.stage, tag: v.tag?.trim() || undefined };
    const body = {
      templateId: v.templateId,
      ...(v.mode === 'customers' ? { customerIds: v.customerIds ?? [] } : { segment }),
      ...(v.language === 'org' ? {} : { language: v.language }),
    } as SurveySendBody;
    send.mutate(body, {
      onSuccess: setResult,
      onError: (e) => {
        if (!placeFieldErrors(form, e, FIELDS)) setError(errorText(t, e));
      },
    });
  };

  const active = (templates.data?.data ?? []).filter((x) => x.active);
  return (
    <Modal
      open={open}
      title={t('surveys.send.title')}
      onCancel={onClose}
      onOk={() => (result ? onClose() : form.submit())}
      okText={result ? t('surveys.send.done') : t('surveys.send.submit')}
      cancelText={t('common.cancel')}
      cancelButtonProps={{ style: result ? { display: 'none' } : undefined }}
      confirmLoading={send.isPending}
      okButtonProps={{ 'data-testid': 'send-submit' } as ButtonProps}
      destroyOnHidden
      width={600}
    >
      {result ? (
        <div data-testid="send-result">
          <Result
            status="success"
            title={t('surveys.send.sent', { count: result.sent })}
            subTitle={result.skipped ? t('surveys.send.skipped', { count: result.skipped }) : undefined}
          />
          <List
            size="small"
            dataSource={result.sends.slice(0, 50)}
            renderItem={(s) => (
              <List.Item>
                <Typography.Text copyable={{ text: s.url }} ellipsis style={{ maxWidth: '100%' }}>
                  {s.url}
                </Typography.Text>
              </List.Item>
            )}
          />
        </div>
      ) : (
        <>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 16 }}
              data-testid="send-error"
            />
          )}
          <Form<Values>
            form={form}
            name="send"
            layout="vertical"
            initialValues={{ mode: 'customers', language: 'org' }}
            onFinish={submit}
          >
            <Form.Item
              label={t('surveys.send.template')}
              name="templateId"
              rules={[{ required: true, message: t('surveys.send.templateRequired') }]}
            >
              <Select
                options={active.map((x) => ({
                  value: x.id,
                  label: `${x.name} · ${t(`surveys.kind.${x.kind}`)}`,
                }))}
                loading={templates.isPending}
                notFoundContent={t('surveys.send.noTemplates')}
                data-testid="send-template"
              />
            </Form.Item>
            <Form.Item name="mode">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'customers', label: t('surveys.send.modeCustomers') },
                  { value: 'segment', label: t('surveys.send.modeSegment') },
                ]}
              />
            </Form.Item>
            {mode !== 'segment' ? (
              <Form.Item
                label={t('surveys.send.customers')}
                name="customerIds"
                rules={[{ required: true, message: t('surveys.send.customersRequired') }]}
              >
                <RecipientSelect />
              </Form.Item>
            ) : (
              <>
                <Typography.Paragraph type="secondary">{t('surveys.send.segmentHelp')}</Typography.Paragraph>
                <Form.Item label={t('surveys.send.tier')} name="tier">
                  <Select allowClear options={TIERS.map((x) => ({ value: x, label: x }))} />
                </Form.Item>
                <Form.Item label={t('surveys.send.stage')} name="stage">
                  <Select allowClear options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
                </Form.Item>
                <Form.Item label={t('surveys.send.tag')} name="tag">
                  <Input maxLength={100} />
                </Form.Item>
              </>
            )}
            <Form.Item label={t('surveys.send.language')} name="language">
              <Select
                options={[
                  { value: 'org', label: t('surveys.send.languageOrg') },
                  { value: 'zh-CN', label: '中文' },
                  { value: 'en-US', label: 'English' },
                ]}
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
};
