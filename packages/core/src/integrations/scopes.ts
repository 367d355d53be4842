/**
 * API token scopes (PRODUCT.md C10): `read` and `write` cover the whole API; `<capability>:read`
 * and `<capability>:write` cover one capability. A write scope includes the read of the same
 * reach. Scopes only ever narrow what the token's user may do: the user's role and data scope
 * still apply to every request.
 */
export const TOKEN_CAPABILITIES = [
  'customers',
  'assignment',
  'orders',
  'value',
  'tasks',
  'visits',
  'complaints',
  'surveys',
  'imports',
  'kpis',
  'people',
  'settings',
  'notifications',
  'audit',
  'jobs',
  'webhooks',
] as const;
export type TokenCapability = (typeof TOKEN_CAPABILITIES)[number];

/**
 * Which capability a path under /api/v1 belongs to: the first rule whose pattern matches wins, so
 * the more specific sub-resources come first. Segments written `*` match any one segment.
 */
export const CAPABILITY_ROUTES: readonly (readonly [pattern: string, capability: TokenCapability])[] = [
  ['/customers/*/assign', 'assignment'],
  ['/customers/*/release', 'assignment'],
  ['/customers/*/assignments', 'assignment'],
  ['/customers/*/protected', 'assignment'],
  ['/customers/*/orders', 'orders'],
  ['/customers/*/value', 'value'],
  ['/customers/*/tier-override', 'value'],
  ['/customers/*/visit-plan', 'visits'],
  ['/customers', 'customers'],
  ['/pool', 'assignment'],
  ['/assignment-rules', 'assignment'],
  ['/rebalancing', 'assignment'],
  ['/orders', 'orders'],
  ['/value', 'value'],
  ['/churn-alerts', 'value'],
  ['/reevaluation', 'value'],
  ['/analytics/clv', 'value'],
  ['/analytics/value', 'value'],
  ['/analytics/visits', 'visits'],
  ['/analytics/complaints', 'complaints'],
  ['/analytics/surveys', 'surveys'],
  ['/tasks', 'tasks'],
  ['/agenda', 'tasks'],
  ['/visit-plans', 'visits'],
  ['/visits', 'visits'],
  ['/settings/visit-plan', 'visits'],
  ['/settings/care', 'visits'],
  ['/settings/task-escalation', 'visits'],
  ['/settings/sla-policy', 'complaints'],
  ['/settings/business-calendar', 'complaints'],
  ['/complaints', 'complaints'],
  ['/surveys', 'surveys'],
  ['/survey-templates', 'surveys'],
  ['/imports', 'imports'],
  ['/import-templates', 'imports'],
  // An export file reads a list: it needs that list's capability. Async exports (POST /exports,
  // /exports/{id}) name the list in the body, so only the global read/write scopes reach them.
  ['/exports/customers.csv', 'customers'],
  ['/exports/customers.xlsx', 'customers'],
  ['/exports/pool.csv', 'assignment'],
  ['/exports/pool.xlsx', 'assignment'],
  ['/exports/tasks.csv', 'tasks'],
  ['/exports/tasks.xlsx', 'tasks'],
  ['/kpis', 'kpis'],
  ['/goals', 'kpis'],
  ['/scorecards', 'kpis'],
  ['/scorecard-templates', 'kpis'],
  ['/ratings', 'kpis'],
  ['/reviews', 'kpis'],
  ['/commission-plans', 'kpis'],
  ['/payouts', 'kpis'],
  ['/payouts.csv', 'kpis'],
  ['/payouts.xlsx', 'kpis'],
  ['/training-records', 'kpis'],
  ['/career-levels', 'kpis'],
  ['/career', 'kpis'],
  ['/users', 'people'],
  ['/teams', 'people'],
  ['/custom-fields', 'settings'],
  ['/settings', 'settings'],
  ['/notifications', 'notifications'],
  ['/audit-log', 'audit'],
  ['/jobs', 'jobs'],
  ['/webhooks', 'webhooks'],
];

/** Paths any valid token may read whatever its scopes: who am I. */
const ALWAYS_READABLE = new Set(['/me', '/auth/csrf']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isReadMethod = (method: string) => READ_METHODS.has(method.toUpperCase());

export function isValidScope(scope: string): boolean {
  if (scope === 'read' || scope === 'write') return true;
  const [cap, level, ...rest] = scope.split(':');
  return (
    rest.length === 0 &&
    (level === 'read' || level === 'write') &&
    (TOKEN_CAPABILITIES as readonly string[]).includes(cap ?? '')
  );
}

/** The path relative to /api/v1, without the query string. */
function apiPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.startsWith('/api/v1/') ? path.slice('/api/v1'.length) : path;
}

function matches(pattern: string, segments: string[]): boolean {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length > segments.length) return false;
  return parts.every((p, i) => p === '*' || p === segments[i]);
}

/** The capability of an API path, or null for a path in no capability (only `read`/`write` reach it). */
export function capabilityOf(url: string): TokenCapability | null {
  const segments = apiPath(url).split('/').filter(Boolean);
  for (const [pattern, cap] of CAPABILITY_ROUTES) if (matches(pattern, segments)) return cap;
  return null;
}

/**
 * Whether a token with `scopes` may make this request. Reads (GET, HEAD, OPTIONS) need a read or
 * write scope of the path's capability (or the global one); every other method needs a write scope.
 */
export function scopeAllows(scopes: readonly string[], method: string, url: string): boolean {
  const read = isReadMethod(method);
  if (read && ALWAYS_READABLE.has(apiPath(url))) return true;
  if (scopes.includes('write') || (read && scopes.includes('read'))) return true;
  const cap = capabilityOf(url);
  if (!cap) return false;
  return scopes.includes(`${cap}:write`) || (read && scopes.includes(`${cap}:read`));
}

/** The scope a request lacks, for the error message: e.g. `customers:write`. */
export function missingScope(method: string, url: string): string {
  const cap = capabilityOf(url);
  const level = isReadMethod(method) ? 'read' : 'write';
  return cap ? `${cap}:${level}` : level;
}
