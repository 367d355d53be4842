import type { TFunction } from 'i18next';
import type { Condition } from './api';

export type FieldLabels = Record<string, string>;

/** A condition field's name in words: a built-in field, or a custom field by its label. */
export const fieldName = (t: TFunction, labels: FieldLabels, field: string): string => {
  if (field.startsWith('customFields.')) {
    const key = field.slice('customFields.'.length);
    return t('rules.customField', { label: labels[key] ?? key });
  }
  return t(`rules.fieldNames.${field}`, { defaultValue: field });
};

/** "Region equals East and tier is one of A, B", or "Every customer" without conditions. */
export const conditionsText = (t: TFunction, labels: FieldLabels, conditions: Condition[]): string => {
  if (conditions.length === 0) return t('rules.anyCustomer');
  return conditions
    .map((c) => {
      const field = fieldName(t, labels, c.field);
      if (c.op === 'equals') return t('rules.summary.equals', { field, value: String(c.value) });
      if (c.op === 'in') return t('rules.summary.in', { field, values: c.values.map(String).join(', ') });
      return t('rules.summary.exists', { field });
    })
    .join(` ${t('rules.and')} `);
};
