import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExportOut } from '@steward/contracts';
import { ApiError, api, toQueryString, type Query } from '../../shared/api';

export type ExportListName = 'customers' | 'pool' | 'tasks' | 'complaints' | 'orders' | 'audit';
export type ExportFormat = 'csv' | 'xlsx';

export const exportKeys = { mine: ['exports'] as const };

/** The file name a response names in its Content-Disposition (RFC 5987 form). */
const fileNameOf = (res: Response, fallback: string) => {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '');
  return m ? decodeURIComponent(m[1]!) : fallback;
};

/** Hands a fetched file to the browser as a download. */
const saveBlob = (blob: Blob, name: string) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

export type ExportResult = { kind: 'file'; fileName: string } | { kind: 'job'; exportId: string };

/**
 * GET /exports/{list}.{format} with the list's filters: the file comes back at once, or (for a
 * large list, or when asked) the server answers 202 and runs the export as a job.
 */
export async function exportList(
  list: ExportListName,
  format: ExportFormat,
  filters: Query,
  lang: string,
  background = false,
): Promise<ExportResult> {
  const query = { ...filters, lang, async: background ? 'true' : undefined };
  const res = await fetch(`/api/v1/exports/${list}.${format}${toQueryString(query)}`, {
    credentials: 'same-origin',
  });
  if (res.status === 202)
    return { kind: 'job', exportId: ((await res.json()) as { exportId: string }).exportId };
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? res.statusText);
  }
  const fileName = fileNameOf(res, `${list}.${format}`);
  saveBlob(await res.blob(), fileName);
  return { kind: 'file', fileName };
}

/** The caller's recent exports; polled while one is still running. */
export const useMyExports = (enabled: boolean) =>
  useQuery({
    queryKey: exportKeys.mine,
    queryFn: () => api.get<{ data: ExportOut[] }>('/exports'),
    enabled,
    refetchInterval: (q) =>
      q.state.data?.data.some((e) => e.status === 'queued' || e.status === 'running') ? 1000 : false,
  });

export const useExportList = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      list: ExportListName;
      format: ExportFormat;
      filters: Query;
      lang: string;
      background?: boolean;
    }) => exportList(v.list, v.format, v.filters, v.lang, v.background),
    onSuccess: (r) => {
      if (r.kind === 'job') void queryClient.invalidateQueries({ queryKey: exportKeys.mine });
    },
  });
};
