export type CustomFieldType = 'text' | 'number' | 'date' | 'boolean' | 'select';
export type CustomFieldDef = {
  key: string;
  type: CustomFieldType;
  options: string[] | null;
  required: boolean;
};
export type FieldProblem = { path: string; message: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks custom field values against the organization's definitions. `creating` makes
 * required fields mandatory; a null value clears a field. Returns one problem per bad key,
 * with paths like `customFields.contract_no`.
 */
export function validateCustomFields(
  defs: CustomFieldDef[],
  values: Record<string, unknown>,
  creating: boolean,
): FieldProblem[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = `customFields.${key}`;
    const def = byKey.get(key);
    if (!def) {
      problems.push({ path, message: 'no such custom field' });
      continue;
    }
    if (value === null) {
      if (def.required) problems.push({ path, message: 'required' });
      continue;
    }
    const wrong = checkValue(def, value);
    if (wrong) problems.push({ path, message: wrong });
  }
  if (creating) {
    for (const def of defs) {
      if (def.required && (values[def.key] === undefined || values[def.key] === null))
        problems.push({ path: `customFields.${def.key}`, message: 'required' });
    }
  }
  return problems;
}

function checkValue(def: CustomFieldDef, value: unknown): string | null {
  switch (def.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 2000
        ? null
        : 'expected text (at most 2000 characters)';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'expected true or false';
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'expected a date YYYY-MM-DD';
    case 'select':
      return typeof value === 'string' && (def.options ?? []).includes(value)
        ? null
        : `expected one of: ${(def.options ?? []).join(', ')}`;
  }
}
