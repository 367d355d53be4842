import { normalizeEmail, normalizeName, normalizePhone } from './normalize.js';

export type DuplicateKeys = {
  phone: string | null;
  email: string | null;
  name: string;
  region: string | null;
};
export type DuplicateMatch = 'phone' | 'email' | 'name_region';

/** The keys a new customer is compared on (PRODUCT.md C1). */
export function duplicateKeys(c: {
  name: string;
  phone?: string | null;
  email?: string | null;
  region?: string | null;
}): DuplicateKeys {
  return {
    phone: normalizePhone(c.phone),
    email: normalizeEmail(c.email),
    name: normalizeName(c.name),
    region: c.region?.trim() || null,
  };
}

/** Which keys two customers share; empty when they do not look alike. */
export function duplicateMatches(a: DuplicateKeys, b: DuplicateKeys): DuplicateMatch[] {
  const out: DuplicateMatch[] = [];
  if (a.phone && a.phone === b.phone) out.push('phone');
  if (a.email && a.email === b.email) out.push('email');
  if (a.name && a.name === b.name && a.region && a.region === b.region) out.push('name_region');
  return out;
}
