import type { FormInstance } from 'antd';
import { ApiError } from './api';

const fieldPath = (path: string): (string | number)[] => {
  const parts = path.split('.').filter(Boolean);
  const idx = parts.findIndex((p) => /^\d+$/.test(p));
  return idx === -1 ? parts : parts.slice(0, idx);
};

/**
 * Puts a 400's details[] at the form fields named in `fields`.
 * Returns true when every detail found its field (nothing left to show above the form).
 */
export const placeFieldErrors = (form: FormInstance, e: unknown, fields: readonly string[]): boolean => {
  if (!(e instanceof ApiError) || e.details.length === 0) return false;
  const placed = e.details.filter((d) => fields.includes(String(fieldPath(d.path)[0])));
  form.setFields(placed.map((d) => ({ name: fieldPath(d.path) as never, errors: [d.message] })));
  return placed.length === e.details.length;
};
