import type { SavedViewOut } from '@steward/contracts';
import type { SavedViewWithNames } from './repo.js';

export const presentView = (v: SavedViewWithNames, userId: string): SavedViewOut => ({
  id: v.id,
  list: v.list as SavedViewOut['list'],
  name: v.name,
  filters: v.filters,
  columns: v.columns,
  sort: v.sort,
  sharedTeamId: v.sharedTeamId,
  sharedTeamName: v.sharedTeamName,
  ownerId: v.userId,
  ownerName: v.ownerName,
  mine: v.userId === userId,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});
