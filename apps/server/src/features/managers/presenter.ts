import type { UserRow } from './repo.js';
import type { teams } from '../../db/schema/index.js';

export const presentTeam = (t: typeof teams.$inferSelect) => ({
  id: t.id,
  name: t.name,
  parentId: t.parentId,
  leadId: t.leadId,
});

export const presentUserSummary = (u: UserRow) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  teamId: u.teamId,
  status: u.status,
  level: u.level,
  capacity: u.capacity,
  regions: u.regions,
  industries: u.industries,
  languages: u.languages,
  hireDate: u.hireDate,
  load: u.load,
});

export function presentUser(u: UserRow, book: { tier: string | null; n: number }[]) {
  const bookValue = { A: 0, B: 0, C: 0, D: 0, ungraded: 0, total: 0 };
  for (const { tier, n } of book) {
    if (tier === 'A' || tier === 'B' || tier === 'C' || tier === 'D') bookValue[tier] += n;
    else bookValue.ungraded += n;
    bookValue.total += n;
  }
  return { ...presentUserSummary(u), bookValue, createdAt: u.createdAt.toISOString() };
}
