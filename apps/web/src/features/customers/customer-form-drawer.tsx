import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Space, Spin } from 'antd';
import type { CustomerOut, CustomFieldDefOut, DuplicateCandidate } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { useSession } from '../../shared/session';
import { customerKeys, useCustomFields } from './api';
import { CustomerFormFields } from './customer-form-fields';
import {
  changedOnly,
  fieldPath,
  newCustomerValues,
  toPayload,
  valuesFromCustomer,
  type CustomerFormValues,
} from './customer-form-values';
import { DuplicateAlert } from './duplicate-alert';

type Props = {
  open: boolean;
  customer?: CustomerOut;
  onClose: () => void;
  onSaved: (c: { id: string }) => void;
};

const TOP_FIELDS = [
  'name',
  'type',
  'industry',
  'size',
  'region',
  'address',
  'source',
  'tier',
  'stage',
  'tags',
  'phone',
  'email',
];
const NEEDS_FIELDS = ['productInterests', 'preferredChannel', 'preferredTime', 'notes'];

const isFormField = (name: (string | number)[], defs: CustomFieldDefOut[]) => {
  const [head, sub] = name;
  if (name.length === 1) return TOP_FIELDS.includes(String(head));
  if (name.length !== 2) return false;
  if (head === 'needs') return NEEDS_FIELDS.includes(String(sub));
  if (head === 'customFields') return defs.some((d) => d.key === sub);
  return false;
};

type Duplicate = { code: string; candidates: DuplicateCandidate[]; payload: Record<string, unknown> };

export const CustomerFormDrawer = ({ open, customer, onClose, onSaved }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useSession();
  const [form] = Form.useForm<CustomerFormValues>();
  const defsQuery = useCustomFields();
  const defs = useMemo(() => defsQuery.data ?? [], [defsQuery.data]);
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const serverErrors = useRef<(string | number)[][]>([]);
  const editing = Boolean(customer);

  const initial = useMemo(
    () => (customer ? valuesFromCustomer(customer, defs) : newCustomerValues()),
    [customer, defs],
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initial);
    setGeneral([]);
    setDuplicate(null);
  }, [open, initial, form]);

  const showServerError = (e: unknown, payload: Record<string, unknown>) => {
    if (
      e instanceof ApiError &&
      e.status === 409 &&
      (e.candidates?.length || e.code === 'duplicate_suspected')
    ) {
      setDuplicate({ code: e.code, candidates: e.candidates ?? [], payload });
      return;
    }
    if (e instanceof ApiError && e.status === 400 && e.details.length) {
      const unplaced: string[] = [];
      const fields = e.details.flatMap((d) => {
        const name = fieldPath(d.path);
        if (isFormField(name, defs)) return [{ name, errors: [d.message] }];
        unplaced.push(`${d.path}: ${d.message}`);
        return [];
      });
      serverErrors.current = fields.map((x) => x.name);
      form.setFields(fields as never);
      setGeneral([t('errors.validation'), ...unplaced]);
      return;
    }
    setGeneral([errorText(t, e)]);
  };

  const afterWrite = async () => {
    await queryClient.invalidateQueries({ queryKey: customerKeys.all });
  };

  const create = async (payload: Record<string, unknown>, force: boolean) =>
    api.post<CustomerOut>('/customers', payload, force ? { force: 'true' } : undefined);

  const clearServerErrors = () => {
    form.setFields(serverErrors.current.map((name) => ({ name: name as never, errors: [] })));
    serverErrors.current = [];
  };

  const submit = async (values: CustomerFormValues) => {
    clearServerErrors();
    const payload = toPayload(values, defs);
    setSaving(true);
    setGeneral([]);
    setDuplicate(null);
    try {
      let saved: CustomerOut;
      if (customer) {
        const patch = changedOnly(payload, toPayload(initial, defs));
        saved = Object.keys(patch).length
          ? await api.patch<CustomerOut>(`/customers/${customer.id}`, patch)
          : customer;
        queryClient.setQueryData(customerKeys.detail(customer.id), saved);
      } else {
        saved = await create(payload, false);
      }
      await afterWrite();
      message.success(editing ? t('customerForm.updated') : t('customerForm.created'));
      onSaved(saved);
    } catch (e) {
      showServerError(e, payload);
    } finally {
      setSaving(false);
    }
  };

  const createAnyway = async (mergeInto?: string) => {
    if (!duplicate) return;
    setSaving(true);
    try {
      const created = await create(duplicate.payload, true);
      if (mergeInto) {
        await api.post(`/customers/${mergeInto}/merge`, { sourceId: created.id });
        message.success(t('merge.done'));
      } else message.success(t('customerForm.created'));
      await afterWrite();
      onSaved({ id: mergeInto ?? created.id });
    } catch (e) {
      setDuplicate(null);
      showServerError(e, duplicate.payload);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={editing ? t('customerForm.editTitle', { name: customer?.name }) : t('customerForm.newTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
            data-testid="customer-form-submit"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {duplicate && (
        <DuplicateAlert
          candidates={duplicate.candidates}
          searchText={String(
            duplicate.payload.phone ?? duplicate.payload.email ?? duplicate.payload.name ?? '',
          )}
          canForce={!editing && duplicate.code === 'duplicate_suspected'}
          canMerge={!editing && duplicate.code === 'duplicate_suspected' && me.permissions.mergeCustomers}
          busy={saving}
          onCreateAnyway={() => void createAnyway()}
          onMerge={(id) => void createAnyway(id)}
        />
      )}
      {general.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={general[0]}
          description={
            general.length > 1 ? general.slice(1).map((line) => <div key={line}>{line}</div>) : undefined
          }
        />
      )}
      <Spin spinning={defsQuery.isPending}>
        <Form<CustomerFormValues>
          form={form}
          name="customer"
          layout="vertical"
          initialValues={initial}
          onFinish={(v) => void submit(v)}
          onValuesChange={(changed: Record<string, unknown>) => {
            const touched = serverErrors.current.filter((n) => String(n[0]) in changed);
            if (!touched.length) return;
            form.setFields(touched.map((name) => ({ name: name as never, errors: [] })));
            serverErrors.current = serverErrors.current.filter((n) => !touched.includes(n));
          }}
          scrollToFirstError
          data-testid="customer-form"
        >
          <CustomerFormFields customFields={defs} />
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Spin>
    </Drawer>
  );
};
