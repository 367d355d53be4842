import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ImportOut, ImportPreviewOut, ImportTemplateOut } from '@steward/contracts';
import { api, ApiError, type ErrorDetail } from '../../shared/api';

export type ImportEntity = 'customers' | 'contacts' | 'orders' | 'interactions';
export const IMPORT_ENTITIES: ImportEntity[] = ['customers', 'contacts', 'orders', 'interactions'];
export type Preview = z.infer<typeof ImportPreviewOut>;
export type ImportTemplate = z.infer<typeof ImportTemplateOut>;
export type Mapping = Record<string, string>;

/** Roles that may import (every role that writes customers). */
export const IMPORT_ROLES: readonly string[] = ['admin', 'director', 'team_lead', 'manager'];

/** Sends a multipart form (the JSON client cannot): the upload of the wizard. */
async function postForm<T>(path: string, form: FormData): Promise<T> {
  const csrf = await fetch('/api/v1/auth/csrf', { credentials: 'same-origin' }).then((r) =>
    r.ok ? (r.json() as Promise<{ csrfToken: string }>) : null,
  );
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(csrf ? { 'X-CSRF-Token': csrf.csrfToken } : {}) },
      body: form,
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Network error');
  }
  const body = (await res.json().catch(() => null)) as
    (T & { error?: { code: string; message: string; details?: ErrorDetail[] } }) | null;
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? res.statusText,
      body?.error?.details ?? [],
    );
  return body as T;
}

export type ImportRequest = {
  file: File;
  entity: ImportEntity;
  mapping?: Mapping;
  dedupe?: 'skip' | 'update' | 'merge';
  dedupeKey?: string;
};

const formOf = (r: ImportRequest) => {
  const form = new FormData();
  form.set('entity', r.entity);
  if (r.mapping) form.set('mapping', JSON.stringify(r.mapping));
  if (r.dedupe) form.set('dedupe', r.dedupe);
  if (r.dedupeKey) form.set('dedupeKey', r.dedupeKey);
  form.set('file', r.file, r.file.name);
  return form;
};

export const previewImport = (r: ImportRequest) => postForm<Preview>('/imports/preview', formOf(r));
export const startImport = (r: ImportRequest) =>
  postForm<{ importId: string; jobId: string }>('/imports', formOf(r));

export const useImport = (id: string | null) =>
  useQuery({
    queryKey: ['imports', id],
    queryFn: () => api.get<ImportOut>(`/imports/${id}`),
    enabled: !!id,
    refetchInterval: (q) =>
      q.state.data && !['queued', 'running'].includes(q.state.data.status) ? false : 1000,
  });

export const useCancelImport = () =>
  useMutation({ mutationFn: (id: string) => api.post<ImportOut>(`/imports/${id}/cancel`) });

export const useTemplates = (entity: ImportEntity) =>
  useQuery({
    queryKey: ['import-templates', entity],
    queryFn: () => api.get<{ data: ImportTemplate[] }>('/import-templates', { entity }),
  });

export const useSaveTemplate = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; entity: ImportEntity; mapping: Mapping }) =>
      api.post<ImportTemplate>('/import-templates', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['import-templates'] }),
  });
};
