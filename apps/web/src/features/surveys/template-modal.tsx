import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Switch,
} from 'antd';
import type { ButtonProps } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { SurveyQuestion, SurveyTemplateOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { placeFieldErrors } from '../../shared/form-errors';
import { useSaveTemplate } from './api';

type Values = {
  name: string;
  kind: 'csat' | 'nps';
  question?: string;
  validDays: number;
  trigger: 'none' | 'visit' | 'complaint';
  active: boolean;
  questions: SurveyQuestion[];
};
type Props = { open: boolean; template: SurveyTemplateOut | null; onClose: () => void };

const FIELDS = ['name', 'kind', 'question', 'validDays', 'trigger', 'active', 'questions'];

const toValues = (t: SurveyTemplateOut | null): Values =>
  t
    ? {
        name: t.name,
        kind: t.kind,
        question: t.question ?? undefined,
        validDays: t.validDays,
        trigger: t.trigger ?? 'none',
        active: t.active,
        questions: t.questions,
      }
    : { name: '', kind: 'csat', validDays: 14, trigger: 'none', active: true, questions: [] };

/** Creates or edits a survey template with its optional extra questions. */
export const TemplateModal = ({ open, template, onClose }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveTemplate();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(toValues(template));
  }, [open, template, form]);

  const submit = (v: Values) => {
    setError(null);
    const body = {
      name: v.name.trim(),
      kind: v.kind,
      question: v.question?.trim() || null,
      validDays: v.validDays,
      trigger: v.trigger === 'none' ? null : v.trigger,
      active: v.active,
      questions: (v.questions ?? []).map((q) => ({
        id: q.id.trim(),
        label: q.label.trim(),
        kind: q.kind,
        ...(q.kind === 'choice' ? { options: q.options ?? [] } : {}),
      })),
    };
    save.mutate(
      { id: template?.id, body },
      {
        onSuccess: () => {
          message.success(t('surveyTemplates.saved'));
          onClose();
        },
        onError: (e) => {
          if (!placeFieldErrors(form, e, FIELDS)) setError(errorText(t, e));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t(template ? 'surveyTemplates.editTitle' : 'surveyTemplates.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'template-submit' } as ButtonProps}
      destroyOnHidden
      width={640}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          data-testid="template-error"
        />
      )}
      <Form<Values> form={form} name="template" layout="vertical" onFinish={submit}>
        <Form.Item
          label={t('surveyTemplates.fields.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('surveyTemplates.nameRequired') }]}
        >
          <Input maxLength={200} data-testid="template-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('surveyTemplates.fields.kind')} name="kind">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'csat', label: t('surveys.kind.csat') },
                  { value: 'nps', label: t('surveys.kind.nps') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('surveyTemplates.fields.validDays')}
              name="validDays"
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={365} suffix={t('surveyTemplates.days')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label={t('surveyTemplates.fields.question')}
          name="question"
          extra={t('surveyTemplates.questionHelp')}
        >
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
            data-testid="template-question"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={16}>
            <Form.Item
              label={t('surveyTemplates.fields.trigger')}
              name="trigger"
              extra={t('surveyTemplates.triggerHelp')}
            >
              <Select
                options={(['none', 'visit', 'complaint'] as const).map((k) => ({
                  value: k,
                  label: t(`surveys.trigger.${k}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('surveyTemplates.fields.active')} name="active" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <Row key={f.key} gutter={8} align="top" wrap={false}>
                  <Col flex="110px">
                    <Form.Item
                      name={[f.name, 'id']}
                      rules={[
                        {
                          required: true,
                          pattern: /^[a-z][a-z0-9_]{0,39}$/,
                          message: t('surveyTemplates.idRule'),
                        },
                      ]}
                    >
                      <Input placeholder={t('surveyTemplates.fields.questionId')} />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item
                      name={[f.name, 'label']}
                      rules={[
                        { required: true, whitespace: true, message: t('surveyTemplates.labelRequired') },
                      ]}
                    >
                      <Input placeholder={t('surveyTemplates.fields.questionLabel')} />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue(['questions', f.name, 'kind']) === 'choice' ? (
                          <Form.Item
                            name={[f.name, 'options']}
                            rules={[{ required: true, message: t('surveyTemplates.optionsRequired') }]}
                          >
                            <Select
                              mode="tags"
                              placeholder={t('surveyTemplates.fields.options')}
                              open={false}
                            />
                          </Form.Item>
                        ) : null
                      }
                    </Form.Item>
                  </Col>
                  <Col flex="120px">
                    <Form.Item name={[f.name, 'kind']} initialValue="rating">
                      <Select
                        options={(['rating', 'choice', 'text'] as const).map((k) => ({
                          value: k,
                          label: t(`surveyTemplates.questionKind.${k}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('surveyTemplates.removeQuestion')}
                      onClick={() => remove(f.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'rating' })} block>
                {t('surveyTemplates.addQuestion')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
};
