import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrfToken } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { LanguageSwitch } from '../../app/language-switch';

type LoginValues = { email: string; password: string };

const safeNext = (next: string | null) =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

export const LoginPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const res = await api.post<{ csrfToken: string }>('/auth/login', values, undefined, {
        redirectOn401: false,
      });
      setCsrfToken(res.csrfToken);
      queryClient.clear();
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t('login.wrongCredentials'));
      else if (e instanceof ApiError && e.status === 429) setError(t('login.locked'));
      else setError(errorText(t, e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', background: '#f5f7fa', padding: 16 }}
    >
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 400, marginBottom: 12 }}>
        <LanguageSwitch />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 4 }}>
          Steward
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        <main>
          <Form<LoginValues> name="login" layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item
              label={t('login.email')}
              name="email"
              rules={[{ required: true, message: t('login.emailRequired') }]}
            >
              <Input
                prefix={<MailOutlined />}
                autoComplete="username"
                inputMode="email"
                autoFocus
                data-testid="login-email"
              />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </main>
        <Alert
          type="info"
          style={{ marginTop: 24 }}
          title={t('login.demoTitle')}
          description={t('login.demoHint', { email: 'manager1@steward.demo', password: 'steward-demo' })}
        />
      </Card>
    </Flex>
  );
};
