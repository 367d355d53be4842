/** The profile fields that count toward completeness, with their weights (they add up to 100). */
export const COMPLETENESS_WEIGHTS = {
  name: 10,
  industry: 10,
  region: 10,
  address: 5,
  source: 5,
  phone: 15,
  email: 10,
  size: 5,
  needs: 10,
  contacts: 15,
  tags: 5,
} as const;

export type CompletenessInput = {
  name: string | null;
  industry: string | null;
  region: string | null;
  address: string | null;
  source: string | null;
  phone: string | null;
  email: string | null;
  size: string | null;
  needs: { productInterests?: string[]; preferredChannel?: string | null; notes?: string | null };
  contactCount: number;
  tags: string[];
};

/**
 * Profile completeness, 0–100: the sum of the weights of the fields that are filled in.
 * Needs count when any of product interests, preferred channel or notes is given.
 */
export function profileCompleteness(c: CompletenessInput): { score: number; missing: string[] } {
  const filled: Record<keyof typeof COMPLETENESS_WEIGHTS, boolean> = {
    name: !!c.name?.trim(),
    industry: !!c.industry,
    region: !!c.region,
    address: !!c.address,
    source: !!c.source,
    phone: !!c.phone,
    email: !!c.email,
    size: !!c.size,
    needs: !!(c.needs.productInterests?.length || c.needs.preferredChannel || c.needs.notes),
    contacts: c.contactCount > 0,
    tags: c.tags.length > 0,
  };
  let score = 0;
  const missing: string[] = [];
  for (const [field, weight] of Object.entries(COMPLETENESS_WEIGHTS)) {
    if (filled[field as keyof typeof filled]) score += weight;
    else missing.push(field);
  }
  return { score, missing };
}
