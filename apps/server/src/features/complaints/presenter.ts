import { COMPLAINT_TRANSITIONS, isComplaintStatus, slaState } from '@steward/core';
import type { ComplaintEventOut, ComplaintOut } from '@steward/contracts';
import type { complaintEvents } from '../../db/schema/index.js';
import type { ComplaintWithNames } from './repo.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Row → API shape; the SLA state is judged at `now` (the request's clock). */
export function presentComplaint(c: ComplaintWithNames, now: Date): ComplaintOut {
  const sla = slaState(c, now);
  return {
    id: c.id,
    customerId: c.customerId,
    customerName: c.customerName,
    contactId: c.contactId,
    channel: c.channel,
    category: c.category,
    severity: c.severity as ComplaintOut['severity'],
    description: c.description,
    status: c.status as ComplaintOut['status'],
    ownerId: c.ownerId,
    ownerName: c.ownerName,
    teamId: c.teamId,
    assigneeId: c.assigneeId,
    assigneeName: c.assigneeName,
    escalatedTo: c.escalatedTo,
    escalatedAt: iso(c.escalatedAt),
    slaMode: c.slaMode as ComplaintOut['slaMode'],
    firstResponseDueAt: c.firstResponseDueAt.toISOString(),
    resolutionDueAt: c.resolutionDueAt.toISOString(),
    firstResponseWarnAt: iso(c.firstResponseWarnAt),
    resolutionWarnAt: iso(c.resolutionWarnAt),
    firstRespondedAt: iso(c.firstRespondedAt),
    firstResponseWarnedAt: iso(c.firstResponseWarnedAt),
    firstResponseBreachedAt: iso(c.firstResponseBreachedAt),
    resolutionWarnedAt: iso(c.resolutionWarnedAt),
    resolutionBreachedAt: iso(c.resolutionBreachedAt),
    pausedAt: iso(c.pausedAt),
    pausedMs: c.pausedMs,
    deadlineTemplate: c.deadlineTemplate,
    extendedAt: iso(c.extendedAt),
    extensionReason: c.extensionReason,
    resolution: c.resolution,
    rootCause: c.rootCause,
    resolvedAt: iso(c.resolvedAt),
    closedAt: iso(c.closedAt),
    reopenCount: c.reopenCount,
    sla: { target: sla.target, state: sla.state, dueAt: sla.dueAt.toISOString() },
    allowedTransitions: isComplaintStatus(c.status) ? [...COMPLAINT_TRANSITIONS[c.status]] : [],
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function presentEvent(
  e: typeof complaintEvents.$inferSelect,
  actorName: string | null,
): ComplaintEventOut {
  return {
    id: e.id,
    kind: e.kind,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    note: e.note,
    data: e.data,
    internal: e.internal,
    actorId: e.actorId,
    actorName,
    at: e.at.toISOString(),
  };
}
