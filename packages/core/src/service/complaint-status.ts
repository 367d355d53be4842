export const COMPLAINT_STATUSES = [
  'open',
  'acknowledged',
  'in_progress',
  'waiting_customer',
  'resolved',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/**
 * The legal moves: open → acknowledged → in_progress → resolved → closed; waiting on the customer
 * from acknowledged or in_progress and back to in_progress; a resolved or closed complaint reopens
 * to in_progress. Starting work straight from open (skipping acknowledged) is allowed.
 */
export const COMPLAINT_TRANSITIONS: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  open: ['acknowledged', 'in_progress'],
  acknowledged: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export const isComplaintStatus = (s: string): s is ComplaintStatus =>
  (COMPLAINT_STATUSES as readonly string[]).includes(s);

export const canTransition = (from: ComplaintStatus, to: ComplaintStatus): boolean =>
  COMPLAINT_TRANSITIONS[from].includes(to);

/** A complaint is finished (its clocks stopped) once resolved or closed. */
export const isFinished = (s: string): boolean => s === 'resolved' || s === 'closed';

/** What a legal transition does to the complaint's clocks and counters. */
export type TransitionEffects = {
  /** The first move out of open is the first response. */
  firstResponse: boolean;
  /** Entering waiting_customer pauses the clock. */
  pause: boolean;
  /** Leaving waiting_customer resumes it (due times move by the paused time). */
  resume: boolean;
  /** resolved/closed → in_progress. */
  reopen: boolean;
  resolve: boolean;
  close: boolean;
};

export function transitionEffects(from: ComplaintStatus, to: ComplaintStatus): TransitionEffects {
  return {
    firstResponse: from === 'open',
    pause: to === 'waiting_customer',
    resume: from === 'waiting_customer',
    reopen: isFinished(from) && !isFinished(to),
    resolve: to === 'resolved',
    close: to === 'closed',
  };
}
