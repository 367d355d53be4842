/** Customer tiers (客户分级); `null` means not graded yet. */
export type Tier = 'A' | 'B' | 'C' | 'D';
export type ManagerLevel = 'junior' | 'senior' | 'key_account';
export type ManagerStatus = 'active' | 'on_leave' | 'departed';

/** A JSON-safe value carried in a reason, so the server can store and show it as is. */
export type AssignmentReasonValue =
  string | number | boolean | null | AssignmentReasonValue[] | { [key: string]: AssignmentReasonValue };

/** Why a rule decided what it did: a stable snake_case code plus the numbers behind it. */
export type AssignmentReason = { code: string; data: Record<string, AssignmentReasonValue> };

/** An account manager as the assignment rules see them (PRODUCT.md C2). */
export type Candidate = {
  id: string;
  teamId: string | null;
  level: ManagerLevel;
  /** Most customers this manager may hold. */
  capacity: number;
  /** Customers held now. */
  load: number;
  /** Sum of the value of the customers held now. */
  loadValue: number;
  regions: string[];
  industries: string[];
  languages: string[];
  status: ManagerStatus;
};

/** The customer facts that fit is measured on. */
export type FitCustomer = {
  tier: Tier | null;
  region: string | null;
  industry: string | null;
  language?: string | null;
};

/** Milliseconds in a day; every time in this module is epoch milliseconds. */
export const DAY_MS = 86_400_000;
