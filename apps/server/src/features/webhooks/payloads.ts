/**
 * What webhook payloads say about a customer: identifiers and classification only — no phone,
 * e-mail or ID number (receivers fetch more through the API with a token, under its scopes).
 */
export function customerSummary(c: {
  id: string;
  name: string;
  type: string;
  ownerId: string | null;
  teamId: string | null;
  tier: string | null;
  stage: string | null;
  externalId: string | null;
  updatedAt: Date;
}) {
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    ownerId: c.ownerId,
    teamId: c.teamId,
    tier: c.tier,
    stage: c.stage,
    externalId: c.externalId,
    updatedAt: c.updatedAt.toISOString(),
  };
}
