import { sql, type SQL } from 'drizzle-orm';
import type { AnnualSlot } from '@steward/core';
import { queryRows, type Db } from '../../db/client.js';

/** An owned, live customer known by `asOf`: who gets care tasks. */
const owned = (orgId: string, asOf: SQL) =>
  sql`c.org_id = ${orgId} and c.deleted_at is null and c.owner_id is not null and c.created_at <= ${asOf}`;

const slotsTable = (slots: AnnualSlot[]) =>
  sql`(values ${sql.join(
    slots.map((s) => sql`(${s.md}::text, ${s.day}::text, ${s.year}::int)`),
    sql`, `,
  )}) as s(md, day, year)`;

export type AnnualHit = {
  id: string;
  customer_id: string;
  customer_name: string;
  owner_id: string;
  contact_name: string | null;
  origin: string;
  day: string;
  year: number;
};

/** Contacts whose birthday falls on a slot of the window. */
export function birthdaysIn(db: Db, orgId: string, asOf: SQL, slots: AnnualSlot[]) {
  return queryRows<AnnualHit>(
    db,
    sql`select p.id, c.id as customer_id, c.name as customer_name, c.owner_id, p.name as contact_name,
               to_char(p.birthday, 'YYYY-MM-DD') as origin, s.day, s.year
          from contacts p
          join customers c on c.org_id = p.org_id and c.id = p.customer_id
          join ${slotsTable(slots)} on s.md = to_char(p.birthday, 'MM-DD')
         where p.org_id = ${orgId} and p.birthday is not null and p.created_at <= ${asOf} and ${owned(orgId, asOf)}`,
  );
}

/** Customers whose contract was signed on a slot's month-day in an earlier year. */
export function contractAnniversariesIn(db: Db, orgId: string, asOf: SQL, slots: AnnualSlot[]) {
  return queryRows<AnnualHit>(
    db,
    sql`select c.id, c.id as customer_id, c.name as customer_name, c.owner_id, null as contact_name,
               to_char(c.contract_date, 'YYYY-MM-DD') as origin, s.day, s.year
          from customers c
          join ${slotsTable(slots)} on s.md = to_char(c.contract_date, 'MM-DD')
         where ${owned(orgId, asOf)} and c.contract_date is not null
           and extract(year from c.contract_date)::int < s.year`,
  );
}

/** Customers whose first order (by `asOf`, local day) was on a slot's month-day in an earlier year. */
export function firstOrderAnniversariesIn(db: Db, orgId: string, asOf: SQL, slots: AnnualSlot[], tz: string) {
  return queryRows<AnnualHit>(
    db,
    sql`with firsts as (
          select o.customer_id, (min(o.ordered_at) at time zone ${tz})::date as first_day
            from orders o where o.org_id = ${orgId} and o.ordered_at <= ${asOf}
           group by o.customer_id
        )
        select c.id, c.id as customer_id, c.name as customer_name, c.owner_id, null as contact_name,
               to_char(f.first_day, 'YYYY-MM-DD') as origin, s.day, s.year
          from firsts f
          join customers c on c.org_id = ${orgId} and c.id = f.customer_id
          join ${slotsTable(slots)} on s.md = to_char(f.first_day, 'MM-DD')
         where ${owned(orgId, asOf)} and extract(year from f.first_day)::int < s.year`,
  );
}

export type HolidayCustomer = { id: string; name: string; owner_id: string };

/** A page of owned customers of the given tiers, by id after `after`. */
export function holidayCustomers(
  db: Db,
  orgId: string,
  asOf: SQL,
  tiers: string[],
  after: string | null,
  limit: number,
) {
  return queryRows<HolidayCustomer>(
    db,
    sql`select c.id, c.name, c.owner_id from customers c
         where ${owned(orgId, asOf)} and c.tier in (${sql.join(
           tiers.map((t) => sql`${t}`),
           sql`, `,
         )})
           ${after ? sql`and c.id > ${after}` : sql``}
         order by c.id limit ${limit}`,
  );
}
