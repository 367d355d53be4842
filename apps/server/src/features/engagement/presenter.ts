import type { TaskOut } from '@steward/contracts';
import { isOpen } from './policy.js';
import type { TaskWithNames } from './repo.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Row → API shape; `overdue` is judged at `now` (the request's clock). */
export function presentTask(t: TaskWithNames, now: Date): TaskOut {
  return {
    id: t.id,
    type: t.type as TaskOut['type'],
    title: t.title,
    description: t.description,
    customerId: t.customerId,
    customerName: t.customerName,
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeName,
    dueAt: t.dueAt.toISOString(),
    remindAt: iso(t.remindAt),
    status: t.status as TaskOut['status'],
    priority: t.priority as TaskOut['priority'],
    overdue: isOpen(t.status) && t.dueAt.getTime() < now.getTime(),
    createdBy: t.createdBy,
    createdByName: t.createdByName,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    completedAt: iso(t.completedAt),
    data: t.data,
    escalationLevel: t.escalationLevel,
    escalatedAt: iso(t.escalatedAt),
  };
}
