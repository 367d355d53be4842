import {
  canTransition,
  COMPLAINT_TRANSITIONS,
  durationBetween,
  extendClock,
  isComplaintStatus,
  isFinished,
  shiftForPause,
  transitionEffects,
  type SlaMode,
} from '@steward/core';
import type { ComplaintTransition } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import * as notifications from '../notifications/service.js';
import { sendTriggeredSurvey } from '../surveys/triggers.js';
import {
  alreadyExtended,
  complaintFinished,
  illegalTransition,
  noDeadlineTemplate,
  noLead,
} from './errors.js';
import { complaintPolicy } from './policy.js';
import { presentEvent } from './presenter.js';
import * as repo from './repo.js';
import { loadVisible, reload } from './service.js';
import { loadSlaSettings } from './settings.js';

/**
 * Moves a complaint along its status flow (core COMPLAINT_TRANSITIONS) or answers 422
 * illegal_transition. The first move out of open is the first response; waiting_customer pauses the
 * clock and leaving it moves the resolution due times by the paused time in the SLA's mode;
 * resolving stamps resolvedAt (a note becomes the resolution if none was written); a reopen counts.
 */
export async function transition(deps: Deps, actor: Actor, id: string, body: ComplaintTransition) {
  complaintPolicy.assertCanWrite(actor);
  return deps.db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    const from = before.status;
    const to = body.to;
    if (!isComplaintStatus(from) || !canTransition(from, to))
      throw illegalTransition(from, to, isComplaintStatus(from) ? COMPLAINT_TRANSITIONS[from] : []);
    const fx = transitionEffects(from, to);
    const now = deps.now();
    const note = body.note || null;
    const set: Partial<repo.ComplaintRow> = { status: to, updatedAt: now };
    const data: Record<string, unknown> = {};
    if (fx.firstResponse && !before.firstRespondedAt) set.firstRespondedAt = now;
    if (fx.pause) set.pausedAt = now;
    if (fx.resume && before.pausedAt) {
      const s = await loadSlaSettings(tx, actor.orgId);
      const mode = before.slaMode as SlaMode;
      const paused = durationBetween(before.pausedAt, now, mode, s.calendar, s.timeZone);
      Object.assign(set, shiftForPause(before, paused, mode, s));
      set.pausedAt = null;
      set.pausedMs = before.pausedMs + (now.getTime() - before.pausedAt.getTime());
      Object.assign(data, { pausedMs: paused, resolutionDueAt: set.resolutionDueAt?.toISOString() });
    }
    if (fx.reopen) {
      set.reopenCount = before.reopenCount + 1;
      set.resolvedAt = null;
      set.closedAt = null;
    }
    if (fx.resolve) {
      set.resolvedAt = now;
      if (note && !before.resolution) set.resolution = note;
    }
    if (fx.close) set.closedAt = now;
    await repo.updateComplaint(tx, actor.orgId, id, set);
    await repo.insertEvent(tx, {
      orgId: actor.orgId,
      id: repo.eventId(),
      complaintId: id,
      kind: fx.reopen ? 'reopen' : 'transition',
      fromStatus: from,
      toStatus: to,
      note,
      data,
      actorId: actor.userId,
      at: now,
    });
    await audit(tx, actor, 'complaint.transition', 'complaint', id, { from, to, ...data });
    if (fx.resolve)
      await sendTriggeredSurvey(tx, {
        orgId: actor.orgId,
        trigger: 'complaint',
        sourceId: id,
        customerId: before.customerId,
        contactId: before.contactId,
        now,
      });
    return reload(tx, actor, id, now);
  });
}

/** An internal note on the timeline (never shown to the customer). */
export async function addNote(deps: Deps, actor: Actor, id: string, note: string) {
  complaintPolicy.assertCanWrite(actor);
  return deps.db.transaction(async (tx) => {
    await loadVisible(tx, actor, id, true);
    const now = deps.now();
    const event = {
      orgId: actor.orgId,
      id: repo.eventId(),
      complaintId: id,
      kind: 'note',
      note,
      data: {},
      internal: true,
      actorId: actor.userId,
      at: now,
    };
    await repo.insertEvent(tx, event);
    await repo.updateComplaint(tx, actor.orgId, id, { updatedAt: now });
    await audit(tx, actor, 'complaint.note', 'complaint', id, { eventId: event.id });
    return presentEvent({ ...event, fromStatus: null, toStatus: null }, actor.name);
  });
}

/**
 * Escalates to a department (recorded, for its queue) or to "lead": the team lead of the
 * assignee (else of the customer's team) is notified.
 */
export async function escalate(deps: Deps, actor: Actor, id: string, body: { to: string; note: string }) {
  complaintPolicy.assertCanWrite(actor);
  return deps.db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    if (isFinished(before.status)) throw complaintFinished();
    const now = deps.now();
    let leadId: string | null = null;
    if (body.to === 'lead') {
      const assignee = before.assigneeId ? await repo.findUser(tx, actor.orgId, before.assigneeId) : null;
      leadId = await repo.leadOf(tx, actor.orgId, [assignee?.teamId ?? null, before.teamId]);
      if (!leadId) throw noLead();
    }
    await repo.updateComplaint(tx, actor.orgId, id, {
      escalatedTo: body.to,
      escalatedAt: now,
      updatedAt: now,
    });
    await repo.insertEvent(tx, {
      orgId: actor.orgId,
      id: repo.eventId(),
      complaintId: id,
      kind: 'escalation',
      note: body.note,
      data: { to: body.to, ...(leadId ? { leadId } : {}) },
      actorId: actor.userId,
      at: now,
    });
    await audit(tx, actor, 'complaint.escalate', 'complaint', id, { to: body.to, leadId });
    if (leadId && leadId !== actor.userId)
      await notifications.notify(tx, {
        orgId: actor.orgId,
        userId: leadId,
        kind: 'complaint_escalated',
        data: {
          complaintId: id,
          severity: before.severity,
          customerName: before.customerName,
          by: actor.name,
        },
        entity: 'complaint',
        entityId: id,
        at: now,
      });
    return reload(tx, actor, id, now);
  });
}

/** The one extension a deadline template allows (15 → 30 days by default), with its reason. */
export async function extend(deps: Deps, actor: Actor, id: string, reason: string) {
  complaintPolicy.assertCanWrite(actor);
  return deps.db.transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    const s = await loadSlaSettings(tx, actor.orgId);
    const tpl = before.deadlineTemplate ? s.policy.templates[before.deadlineTemplate] : undefined;
    if (!tpl) throw noDeadlineTemplate();
    if (before.extendedAt) throw alreadyExtended();
    if (isFinished(before.status)) throw complaintFinished();
    const now = deps.now();
    const clock = extendClock(before, tpl, s.policy.warnAtFraction, before.slaMode as SlaMode, s);
    await repo.updateComplaint(tx, actor.orgId, id, {
      ...clock,
      // A new deadline gets its own warning and breach.
      ...(clock.resolutionDueAt > now ? { resolutionBreachedAt: null } : {}),
      ...(clock.resolutionWarnAt && clock.resolutionWarnAt > now ? { resolutionWarnedAt: null } : {}),
      extendedAt: now,
      extensionReason: reason,
      updatedAt: now,
    });
    const data = {
      from: before.resolutionDueAt.toISOString(),
      to: clock.resolutionDueAt.toISOString(),
      template: before.deadlineTemplate,
    };
    await repo.insertEvent(tx, {
      orgId: actor.orgId,
      id: repo.eventId(),
      complaintId: id,
      kind: 'extension',
      note: reason,
      data,
      actorId: actor.userId,
      at: now,
    });
    await audit(tx, actor, 'complaint.extend', 'complaint', id, { ...data, reason });
    return reload(tx, actor, id, now);
  });
}

export async function listEvents(deps: Deps, actor: Actor, id: string) {
  await loadVisible(deps.db, actor, id);
  const rows = await repo.listEvents(deps.db, actor.orgId, id);
  return { data: rows.map((r) => presentEvent(r.event, r.actorName)) };
}
