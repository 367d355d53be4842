import { maskEmail, maskIdNumber, maskPhone } from '@steward/core';
import type { ContactOut, CustomerOut } from '@steward/contracts';
import type { contacts } from '../../db/schema/index.js';
import type { CustomerListRow } from './repo.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Row → API shape. Phone, e-mail and ID number are masked unless the caller may see them. */
export function presentCustomer(c: CustomerListRow, sensitive: boolean): CustomerOut {
  return {
    id: c.id,
    name: c.name,
    type: c.type as CustomerOut['type'],
    industry: c.industry,
    size: c.size,
    region: c.region,
    address: c.address,
    source: c.source,
    tier: c.tier as CustomerOut['tier'],
    stage: c.stage as CustomerOut['stage'],
    ownerId: c.ownerId,
    ownerName: c.ownerName,
    teamId: c.teamId,
    tags: c.tags,
    phone: sensitive ? c.phone : maskPhone(c.phone),
    email: sensitive ? c.email : maskEmail(c.email),
    idNumber: sensitive ? c.idNumber : maskIdNumber(c.idNumber),
    externalId: c.externalId,
    customFields: c.customFields,
    needs: c.needs,
    completeness: c.completeness,
    protected: c.protected,
    masked: !sensitive,
    lastContactedAt: iso(c.lastContactedAt),
    nextVisitDueAt: iso(c.nextVisitDueAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function presentContact(c: typeof contacts.$inferSelect, sensitive: boolean): ContactOut {
  return {
    id: c.id,
    customerId: c.customerId,
    name: c.name,
    position: c.position,
    phone: sensitive ? c.phone : maskPhone(c.phone),
    email: sensitive ? c.email : maskEmail(c.email),
    wechat: sensitive ? c.wechat : c.wechat ? '***' : null,
    birthday: c.birthday,
    preferences: c.preferences,
    isPrimary: c.isPrimary,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
