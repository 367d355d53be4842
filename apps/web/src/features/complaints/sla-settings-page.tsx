import { useEffect } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Skeleton,
  Typography,
} from 'antd';
import { COMPLAINT_SEVERITY_VALUES, type BusinessCalendarBody, type SlaPolicyBody } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useSession } from '../../shared/session';
import { complaintKeys, SLA_SETTINGS_ROLES, useBusinessCalendar, useSlaPolicy } from './api';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
type Hours = Record<(typeof COMPLAINT_SEVERITY_VALUES)[number], { fr: number; res: number }>;
type PolicyValues = { mode: 'calendar' | 'business'; warnPercent: number | null; hours: Hours };
type CalendarValues = Record<Day, string> & { holidays: string; workdays: string; makeUp: string };

const toText = (ws: { start: string; end: string }[]) => ws.map((w) => `${w.start}-${w.end}`).join(', ');
const toIntervals = (s: string) =>
  s
    .split(/[,，]/)
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const [start = '', end = ''] = x.split(/\s*[-–~]\s*/);
      return { start, end };
    });
const toDates = (s: string) => s.split(/[\s,，]+/).filter(Boolean);

/** SLA policy (targets per severity, calendar or business time, warnings) and the business calendar. */
export const SlaSettingsPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const queryClient = useQueryClient();
  const policy = useSlaPolicy();
  const calendar = useBusinessCalendar();
  const [policyForm] = Form.useForm<PolicyValues>();
  const [calendarForm] = Form.useForm<CalendarValues>();
  const canEdit = SLA_SETTINGS_ROLES.includes(me.user.role);

  useEffect(() => {
    const p = policy.data;
    if (!p) return;
    const hours = Object.fromEntries(
      COMPLAINT_SEVERITY_VALUES.map((s) => [
        s,
        { fr: p.targets[s].firstResponseMinutes / 60, res: p.targets[s].resolutionMinutes / 60 },
      ]),
    ) as Hours;
    policyForm.setFieldsValue({
      mode: p.mode,
      warnPercent: p.warnAtFraction === null ? null : Math.round(p.warnAtFraction * 100),
      hours,
    });
  }, [policy.data, policyForm]);

  useEffect(() => {
    const c = calendar.data;
    if (!c) return;
    calendarForm.setFieldsValue({
      ...(Object.fromEntries(DAYS.map((d) => [d, toText(c.week[d])])) as Record<Day, string>),
      holidays: c.holidays.join('\n'),
      workdays: c.workdays.join('\n'),
      makeUp: toText(c.makeUpHours),
    });
  }, [calendar.data, calendarForm]);

  if (policy.isPending || calendar.isPending) return <Skeleton active />;
  if (policy.error || calendar.error)
    return (
      <ErrorAlert
        error={policy.error ?? calendar.error}
        onRetry={() => void queryClient.invalidateQueries({ queryKey: ['settings'] })}
      />
    );

  const savePolicy = async (v: PolicyValues) => {
    const body: SlaPolicyBody = {
      mode: v.mode,
      warnAtFraction: v.warnPercent ? v.warnPercent / 100 : null,
      targets: Object.fromEntries(
        COMPLAINT_SEVERITY_VALUES.map((s) => [
          s,
          {
            firstResponseMinutes: Math.round(v.hours[s].fr * 60),
            resolutionMinutes: Math.round(v.hours[s].res * 60),
          },
        ]),
      ) as SlaPolicyBody['targets'],
      templates: policy.data!.templates,
    };
    try {
      await api.put('/settings/sla-policy', body);
      await queryClient.invalidateQueries({ queryKey: complaintKeys.policy });
      message.success(t('complaints.saved'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const saveCalendar = async (v: CalendarValues) => {
    const body: BusinessCalendarBody = {
      week: Object.fromEntries(DAYS.map((d) => [d, toIntervals(v[d] ?? '')])) as BusinessCalendarBody['week'],
      holidays: toDates(v.holidays ?? ''),
      workdays: toDates(v.workdays ?? ''),
      makeUpHours: toIntervals(v.makeUp ?? ''),
    };
    try {
      await api.put('/settings/business-calendar', body);
      await queryClient.invalidateQueries({ queryKey: complaintKeys.calendar });
      message.success(t('complaints.saved'));
    } catch (e) {
      message.error(
        e instanceof ApiError && e.details.length
          ? e.details.map((d) => `${d.path}: ${d.message}`).join('; ')
          : errorText(t, e),
      );
    }
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('slaSettings.title')}
      </Typography.Title>
      {!canEdit && <Alert type="info" showIcon title={t('slaSettings.readOnly')} />}
      <Card title={t('slaSettings.policy')}>
        <Form form={policyForm} layout="vertical" disabled={!canEdit} onFinish={(v) => void savePolicy(v)}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="mode" label={t('complaints.fields.slaMode')}>
                <Radio.Group
                  options={['calendar', 'business'].map((m) => ({
                    value: m,
                    label: t(`complaints.mode.${m}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="warnPercent"
                label={t('slaSettings.warnPercent')}
                extra={t('slaSettings.warnHelp')}
              >
                <InputNumber min={1} max={99} suffix="%" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={[16, 0]}>
            {COMPLAINT_SEVERITY_VALUES.map((s) => (
              <Col xs={24} md={12} xl={6} key={s}>
                <Typography.Text strong>{t(`complaints.severity.${s}`)}</Typography.Text>
                <Form.Item
                  name={['hours', s, 'fr']}
                  label={t('slaSettings.firstResponseHours')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0.1} step={1} style={{ width: '100%' }} data-testid={`sla-${s}-fr`} />
                </Form.Item>
                <Form.Item
                  name={['hours', s, 'res']}
                  label={t('slaSettings.resolutionHours')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0.1} step={1} style={{ width: '100%' }} data-testid={`sla-${s}-res`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          {canEdit && (
            <Button type="primary" htmlType="submit" data-testid="sla-policy-save">
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>
      <Card title={t('slaSettings.calendar', { tz: calendar.data?.timeZone })}>
        <Typography.Paragraph type="secondary">{t('slaSettings.calendarHelp')}</Typography.Paragraph>
        <Form
          form={calendarForm}
          layout="vertical"
          disabled={!canEdit}
          onFinish={(v) => void saveCalendar(v)}
        >
          <Row gutter={16}>
            {DAYS.map((d) => (
              <Col xs={24} sm={12} lg={6} key={d}>
                <Form.Item name={d} label={t(`slaSettings.day.${d}`)}>
                  <Input placeholder={t('slaSettings.dayOff')} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="holidays" label={t('slaSettings.holidays')}>
                <Input.TextArea rows={4} placeholder="2026-10-01" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="workdays" label={t('slaSettings.workdays')}>
                <Input.TextArea rows={4} placeholder="2026-10-10" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="makeUp" label={t('slaSettings.makeUpHours')}>
                <Input placeholder="09:00-18:00" />
              </Form.Item>
            </Col>
          </Row>
          {canEdit && (
            <Button type="primary" htmlType="submit">
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>
    </Flex>
  );
};
