import { useState } from 'react';
import { App, Avatar, Button, Dropdown, Flex, Input, Space, Typography } from 'antd';
import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrfToken } from '../shared/api';
import { errorText } from '../shared/errors';
import { useSession } from '../shared/session';
import { NotificationCenter } from '../features/notifications/notification-center';
import { LanguageSwitch } from './language-switch';

export const TopBar = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const me = useSession();
  const [search, setSearch] = useState('');

  const signOut = async () => {
    try {
      await api.post('/auth/logout', undefined, undefined, { redirectOn401: false });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) {
        message.error(errorText(t, e));
        return;
      }
    }
    setCsrfToken(null);
    queryClient.clear();
    navigate('/login', { replace: true });
  };

  return (
    <Flex align="center" justify="space-between" gap={16} style={{ width: '100%' }}>
      <Input.Search
        role="searchbox"
        aria-label={t('topBar.searchLabel')}
        placeholder={t('topBar.searchPlaceholder')}
        allowClear
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(value) => {
          const q = value.trim();
          navigate(q ? `/customers?q=${encodeURIComponent(q)}` : '/customers');
          setSearch('');
        }}
        style={{ maxWidth: 420 }}
        data-testid="global-search"
      />
      <Space size="middle">
        <NotificationCenter />
        <LanguageSwitch icon={<GlobalOutlined />} />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'who', label: me.user.email, disabled: true },
              { type: 'divider' },
              { key: 'logout', icon: <LogoutOutlined />, label: t('topBar.signOut'), danger: true },
            ],
            onClick: ({ key }) => {
              if (key === 'logout') void signOut();
            },
          }}
        >
          <Button
            type="text"
            data-testid="user-menu"
            aria-label={t('topBar.userMenu')}
            style={{ height: 48 }}
          >
            <Space>
              <Avatar size="small" icon={<UserOutlined />} />
              <span
                style={{
                  display: 'inline-flex',
                  flexDirection: 'column',
                  lineHeight: 1.2,
                  textAlign: 'left',
                }}
              >
                <Typography.Text strong>{me.user.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`roles.${me.user.role}`)}
                </Typography.Text>
              </span>
            </Space>
          </Button>
        </Dropdown>
      </Space>
    </Flex>
  );
};
