/** What an import (PRODUCT.md C10) can bring in, and the fields of each kind of record. */
export const IMPORT_ENTITIES = ['customers', 'contacts', 'orders', 'interactions'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const DEDUPE_MODES = ['skip', 'update', 'merge'] as const;
export type DedupeMode = (typeof DEDUPE_MODES)[number];

/** How an imported customer is recognized as one that already exists. */
export const DEDUPE_KEYS = ['externalId', 'email', 'phone', 'name_region'] as const;
export type DedupeKey = (typeof DEDUPE_KEYS)[number];

export type FieldKind =
  | 'text'
  | 'email'
  | 'phone'
  | 'date'
  | 'datetime'
  | 'amount'
  | 'number'
  | 'boolean'
  | 'tags'
  | 'tier'
  | 'stage'
  | 'customerType'
  | 'interactionType';

export type ImportField = { name: string; kind: FieldKind; required?: boolean; max?: number };

/** Columns of contacts, orders and interactions that name the customer the row belongs to. */
export const CUSTOMER_REFERENCE_FIELDS = [
  'customerExternalId',
  'customerPhone',
  'customerEmail',
  'customerName',
] as const;
export type CustomerReferenceField = (typeof CUSTOMER_REFERENCE_FIELDS)[number];

const customerReference: ImportField[] = [
  { name: 'customerExternalId', kind: 'text', max: 100 },
  { name: 'customerPhone', kind: 'phone' },
  { name: 'customerEmail', kind: 'email' },
  { name: 'customerName', kind: 'text', max: 200 },
];

export const IMPORT_FIELDS: Record<ImportEntity, ImportField[]> = {
  customers: [
    { name: 'name', kind: 'text', required: true, max: 200 },
    { name: 'externalId', kind: 'text', max: 100 },
    { name: 'type', kind: 'customerType' },
    { name: 'industry', kind: 'text', max: 100 },
    { name: 'size', kind: 'text', max: 50 },
    { name: 'region', kind: 'text', max: 100 },
    { name: 'address', kind: 'text', max: 300 },
    { name: 'source', kind: 'text', max: 100 },
    { name: 'tier', kind: 'tier' },
    { name: 'stage', kind: 'stage' },
    { name: 'phone', kind: 'phone' },
    { name: 'email', kind: 'email' },
    { name: 'idNumber', kind: 'text', max: 50 },
    { name: 'tags', kind: 'tags' },
    /** The owner: a user's e-mail or name. Without it the assignment rules place the customer. */
    { name: 'owner', kind: 'text', max: 200 },
    { name: 'contractDate', kind: 'date' },
    { name: 'notes', kind: 'text', max: 4000 },
  ],
  contacts: [
    ...customerReference,
    { name: 'name', kind: 'text', required: true, max: 100 },
    { name: 'position', kind: 'text', max: 100 },
    { name: 'phone', kind: 'phone' },
    { name: 'email', kind: 'email' },
    { name: 'wechat', kind: 'text', max: 100 },
    { name: 'birthday', kind: 'date' },
    { name: 'preferences', kind: 'text', max: 2000 },
    { name: 'isPrimary', kind: 'boolean' },
  ],
  orders: [
    ...customerReference,
    { name: 'externalId', kind: 'text', max: 100 },
    { name: 'orderedAt', kind: 'datetime', required: true },
    { name: 'amount', kind: 'amount', required: true },
    { name: 'currency', kind: 'text', max: 3 },
    { name: 'channel', kind: 'text', max: 50 },
    { name: 'product', kind: 'text', max: 200 },
    { name: 'quantity', kind: 'number' },
    { name: 'unitPrice', kind: 'amount' },
  ],
  interactions: [
    ...customerReference,
    { name: 'type', kind: 'interactionType', required: true },
    { name: 'occurredAt', kind: 'datetime', required: true },
    { name: 'summary', kind: 'text', required: true, max: 4000 },
    { name: 'outcome', kind: 'text', max: 500 },
    { name: 'nextStep', kind: 'text', max: 500 },
  ],
};

export const fieldNames = (entity: ImportEntity): string[] => IMPORT_FIELDS[entity].map((f) => f.name);

export const isImportEntity = (v: string): v is ImportEntity =>
  (IMPORT_ENTITIES as readonly string[]).includes(v);

/**
 * The dedupe key when none is chosen: the strongest key the mapping carries (external id, then
 * e-mail, then phone, then name + region).
 */
export function defaultDedupeKey(mappedFields: Iterable<string>): DedupeKey {
  const set = new Set(mappedFields);
  if (set.has('externalId')) return 'externalId';
  if (set.has('email')) return 'email';
  if (set.has('phone')) return 'phone';
  return 'name_region';
}

/**
 * Problems of a column mapping (column header → field) for an entity, as [column, message]:
 * unknown target fields, a field mapped twice, required fields left unmapped, and (for records
 * that belong to a customer) no column naming the customer.
 */
export function mappingProblems(
  entity: ImportEntity,
  mapping: Record<string, string>,
): { path: string; message: string }[] {
  const known = new Set(fieldNames(entity));
  const out: { path: string; message: string }[] = [];
  const seen = new Map<string, string>();
  for (const [column, field] of Object.entries(mapping)) {
    if (!field) continue;
    if (!known.has(field)) out.push({ path: `mapping.${column}`, message: `unknown field "${field}"` });
    else if (seen.has(field))
      out.push({
        path: `mapping.${column}`,
        message: `field "${field}" is already mapped from "${seen.get(field)}"`,
      });
    else seen.set(field, column);
  }
  for (const f of IMPORT_FIELDS[entity])
    if (f.required && !seen.has(f.name))
      out.push({ path: 'mapping', message: `no column is mapped to the required field "${f.name}"` });
  if (entity !== 'customers' && !CUSTOMER_REFERENCE_FIELDS.some((f) => seen.has(f)))
    out.push({
      path: 'mapping',
      message: `map a column to one of ${CUSTOMER_REFERENCE_FIELDS.join(', ')} to find the customer`,
    });
  return out;
}
