import { useState } from 'react';
import { App, Button, Empty, Flex, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ContactOut } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { customerKeys, flatten, useContacts } from './api';
import { ContactModal } from './contact-modal';

type Props = { customerId: string; canEdit: boolean; masked: boolean };

export const ContactsTab = ({ customerId, canEdit, masked }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const contacts = useContacts(customerId);
  const [editing, setEditing] = useState<ContactOut | null>(null);
  const [open, setOpen] = useState(false);
  const rows = flatten(contacts.data?.pages);
  const f = (k: string) => t(`contact.fields.${k}`);

  const remove = async (c: ContactOut) => {
    try {
      await api.del(`/customers/${customerId}/contacts/${c.id}`);
      await queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
      message.success(t('contact.deleted'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: TableColumnsType<ContactOut> = [
    {
      key: 'name',
      dataIndex: 'name',
      title: f('name'),
      render: (name: string, c) => (
        <Space>
          {name}
          {c.isPrimary && <Tag color="blue">{f('isPrimary')}</Tag>}
        </Space>
      ),
    },
    { key: 'position', dataIndex: 'position', title: f('position'), render: (v) => v || '—' },
    { key: 'phone', dataIndex: 'phone', title: f('phone'), render: (v) => v || '—' },
    { key: 'email', dataIndex: 'email', title: f('email'), render: (v) => v || '—' },
    { key: 'wechat', dataIndex: 'wechat', title: f('wechat'), render: (v) => v || '—' },
    { key: 'birthday', dataIndex: 'birthday', title: f('birthday'), render: (v) => v || '—' },
    {
      key: 'preferences',
      dataIndex: 'preferences',
      title: f('preferences'),
      ellipsis: true,
      render: (v) => v || '—',
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 150,
      render: (_: unknown, c) => (
        <Space>
          <Button
            size="small"
            type="link"
            onClick={() => {
              setEditing(c);
              setOpen(true);
            }}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('contact.deleteConfirm', { name: c.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(c)}
          >
            <Button size="small" type="link" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Flex vertical gap={12}>
      {canEdit && (
        <Flex justify="flex-end">
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
            data-testid="add-contact"
          >
            {t('contact.add')}
          </Button>
        </Flex>
      )}
      {contacts.error && <ErrorAlert error={contacts.error} onRetry={() => void contacts.refetch()} />}
      <Table<ContactOut>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={contacts.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: contacts.isPending ? ' ' : <Empty description={t('contact.empty')} /> }}
      />
      {contacts.hasNextPage && (
        <Button onClick={() => void contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
          {t('customers.loadMore')}
        </Button>
      )}
      <ContactModal
        customerId={customerId}
        contact={editing}
        open={open}
        masked={masked}
        onClose={() => setOpen(false)}
      />
    </Flex>
  );
};
