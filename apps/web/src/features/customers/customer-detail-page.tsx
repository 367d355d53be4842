import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Skeleton, Tabs } from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  MergeCellsOutlined,
  RollbackOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { NotFoundResult } from '../../shared/not-found-result';
import { useSession } from '../../shared/session';
import { customerKeys, useCustomer } from './api';
import { AssignModal } from './assign-modal';
import { AssignmentsTab } from './assignments-tab';
import { ContactsTab } from './contacts-tab';
import { CustomerFormDrawer } from './customer-form-drawer';
import { CustomerHeader } from './customer-header';
import { HistoryTab } from './history-tab';
import { MergeModal } from './merge-modal';
import { OrdersTab } from './orders-tab';
import { ProfileTab } from './profile-tab';
import { ProtectButton } from './protect-button';
import { ReleaseModal } from './release-modal';
import { TimelineTab } from './timeline-tab';
import { ValueTab } from './value-tab';
import { NewComplaintButton } from '../complaints/new-complaint-button';
import { VisitPlanCard } from '../visits/visit-plan-card';

const TABS = ['profile', 'contacts', 'timeline', 'orders', 'history', 'value', 'assignments'] as const;

export const CustomerDetailPage = () => {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const customer = useCustomer(id);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [releasing, setReleasing] = useState(false);
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'profile';
  const p = me.permissions;

  if (customer.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (
    customer.error instanceof ApiError &&
    (customer.error.status === 404 || customer.error.status === 400)
  ) {
    return (
      <NotFoundResult
        title={t('customerDetail.notFoundTitle')}
        subTitle={t('customerDetail.notFoundSubTitle')}
      />
    );
  }
  if (customer.error || !customer.data) {
    return <ErrorAlert error={customer.error} onRetry={() => void customer.refetch()} />;
  }
  const c = customer.data;

  const remove = async () => {
    try {
      await api.del(`/customers/${c.id}`);
      queryClient.removeQueries({ queryKey: customerKeys.detail(c.id) });
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      message.success(t('customerDetail.deleted', { name: c.name }));
      navigate('/customers');
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const onReleased = async () => {
    setReleasing(false);
    // Someone who only sees their own customers can no longer open this one.
    if (p.reach === 'own') {
      queryClient.removeQueries({ queryKey: customerKeys.detail(c.id) });
      navigate('/pool');
    }
    await queryClient.invalidateQueries({ queryKey: customerKeys.all });
  };

  const actions = (
    <>
      {p.writeCustomers && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {t('common.edit')}
        </Button>
      )}
      {p.chooseOwner && (
        <Button
          icon={<UserSwitchOutlined />}
          onClick={() => setAssigning(true)}
          data-testid="assign-customer"
        >
          {t('assign.action')}
        </Button>
      )}
      {p.writeCustomers && c.ownerId && <ProtectButton customer={c} />}
      {p.writeCustomers && c.ownerId && (
        <Button icon={<RollbackOutlined />} onClick={() => setReleasing(true)} data-testid="release-customer">
          {t('release.action')}
        </Button>
      )}
      <NewComplaintButton customer={c} />
      {p.mergeCustomers && (
        <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)} data-testid="merge-customer">
          {t('merge.action')}
        </Button>
      )}
      {p.deleteCustomers && (
        <Popconfirm
          title={t('customerDetail.deleteConfirmTitle')}
          description={t('customerDetail.deleteConfirm', { name: c.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={remove}
        >
          <Button danger icon={<DeleteOutlined />} data-testid="delete-customer">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </>
  );

  return (
    <Flex vertical gap={16}>
      <CustomerHeader customer={c} actions={actions} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          {
            key: 'profile',
            label: t('customerDetail.tabs.profile'),
            children: (
              <Flex vertical gap={16}>
                <ProfileTab customer={c} canEdit={p.writeCustomers} onEdit={() => setEditing(true)} />
                <VisitPlanCard customerId={c.id} canEdit={p.writeCustomers} />
              </Flex>
            ),
          },
          {
            key: 'contacts',
            label: t('customerDetail.tabs.contacts'),
            children: <ContactsTab customerId={c.id} canEdit={p.writeCustomers} masked={c.masked} />,
          },
          {
            key: 'timeline',
            label: t('customerDetail.tabs.timeline'),
            children: <TimelineTab customerId={c.id} canLog={p.writeCustomers} />,
          },
          {
            key: 'orders',
            label: t('customerDetail.tabs.orders'),
            children: <OrdersTab customerId={c.id} />,
          },
          {
            key: 'history',
            label: t('customerDetail.tabs.history'),
            children: <HistoryTab customerId={c.id} />,
          },
          {
            key: 'value',
            label: t('customerDetail.tabs.value'),
            children: <ValueTab customerId={c.id} />,
          },
          {
            key: 'assignments',
            label: t('customerDetail.tabs.assignments'),
            children: <AssignmentsTab customerId={c.id} />,
          },
        ]}
        destroyOnHidden
      />
      <CustomerFormDrawer
        open={editing}
        customer={c}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      <MergeModal customer={c} open={merging} onClose={() => setMerging(false)} />
      <AssignModal customer={c} open={assigning} onClose={() => setAssigning(false)} />
      <ReleaseModal
        customer={c}
        open={releasing}
        onClose={() => setReleasing(false)}
        onReleased={() => void onReleased()}
      />
    </Flex>
  );
};
