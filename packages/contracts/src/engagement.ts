import { z } from 'zod';
import { Id, IsoDateTime, ListQuery, page } from './common.js';

export const TASK_TYPES = ['visit', 'call', 'care', 'follow_up', 'retention', 'complaint', 'custom'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

const text = (max: number) => z.string().trim().max(max);
const When = z.iso.datetime({ offset: true });

/** A comma-separated query value ("a,b") as a list. */
const csv = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const TaskCreate = z.object({
  type: z.enum(TASK_TYPES),
  title: text(200).min(1, 'required'),
  description: text(4000).nullish(),
  customerId: Id.nullish(),
  assigneeId: Id,
  dueAt: When,
  priority: z.enum(TASK_PRIORITIES).default('normal'),
  remindAt: When.nullish(),
});

export const TaskUpdate = z.object({
  title: text(200).min(1, 'required').optional(),
  description: text(4000).nullish(),
  dueAt: When.optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  remindAt: When.nullish(),
  status: z.enum(TASK_STATUSES).optional(),
});

export const TaskListQuery = ListQuery.extend({
  assigneeId: csv.pipe(z.array(Id).max(200)).optional(),
  customerId: csv.pipe(z.array(Id).max(200)).optional(),
  type: csv.pipe(z.array(z.enum(TASK_TYPES))).optional(),
  status: csv.pipe(z.array(z.enum(TASK_STATUSES))).optional(),
  /** true: open or in progress and past due; false: everything else. */
  overdue: z.enum(['true', 'false']).optional(),
  /** Due at or after this moment. */
  dueFrom: When.optional(),
  /** Due at or before this moment. */
  dueTo: When.optional(),
});

export const TaskOut = z.object({
  id: Id,
  type: z.enum(TASK_TYPES),
  title: z.string(),
  description: z.string().nullable(),
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  assigneeId: Id,
  assigneeName: z.string().nullable(),
  dueAt: IsoDateTime,
  remindAt: IsoDateTime.nullable(),
  status: z.enum(TASK_STATUSES),
  priority: z.enum(TASK_PRIORITIES),
  /** Open or in progress and past its due time, as of the request. */
  overdue: z.boolean(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  completedAt: IsoDateTime.nullable(),
  /** Type-specific detail: the visit channel and cadence, the care occasion and its message … */
  data: z.record(z.string(), z.unknown()).optional(),
  /** 0, or 1 once escalated to the assignee's team lead. */
  escalationLevel: z.number().int().optional(),
  escalatedAt: IsoDateTime.nullable().optional(),
});
export const TaskPage = page(TaskOut);

export const NotificationListQuery = ListQuery.extend({
  unread: z.enum(['true', 'false']).optional(),
});

export const NotificationOut = z.object({
  id: Id,
  /** A stable code the web app translates, e.g. task_assigned, reclaim_warning. */
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
  entity: z.string().nullable(),
  entityId: Id.nullable(),
  readAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export const NotificationPage = page(NotificationOut);
export const UnreadCountOut = z.object({ count: z.number().int() });
export const ReadAllOut = z.object({ updated: z.number().int() });

export type TaskType = (typeof TASK_TYPES)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskCreate = z.infer<typeof TaskCreate>;
export type TaskUpdate = z.infer<typeof TaskUpdate>;
export type TaskListQuery = z.infer<typeof TaskListQuery>;
export type TaskOut = z.infer<typeof TaskOut>;
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;
export type NotificationOut = z.infer<typeof NotificationOut>;
