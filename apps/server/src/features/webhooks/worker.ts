import type { Deps } from '../../platform/deps.js';
import { deliverDue } from './deliver.js';
import { onNudge } from './emit.js';
import * as repo from './repo.js';

/** After a nudge the worker looks again a little later, in case the emitting transaction had not committed. */
const NUDGE_FOLLOW_UPS_MS = [50, 1_000, 5_000];
/** It also looks every so often on its own (other processes' events, retries it did not time). */
const SAFETY_POLL_MS = 30_000;
/** The longest it sleeps before a known retry, so a moved test clock is noticed too. */
const MAX_SLEEP_MS = SAFETY_POLL_MS;

/**
 * The in-process delivery worker, started with the app: it delivers due webhook deliveries of all
 * organizations as of the app clock, when nudged by an emission, when the next retry is due, and
 * on a slow safety poll. Claims (SKIP LOCKED plus a lease) keep several processes, and the
 * `webhook-deliver` job, from sending a delivery twice.
 */
export class DeliveryWorker {
  private timers = new Set<NodeJS.Timeout>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private unsubscribe: (() => void) | null = null;
  private safety: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: Deps) {}

  start() {
    this.stopped = false;
    this.unsubscribe = onNudge(() => this.nudge());
    this.safety = setInterval(() => void this.poll(), SAFETY_POLL_MS);
    this.safety.unref();
    this.later(0);
  }

  async stop() {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.safety) clearInterval(this.safety);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.running;
  }

  nudge() {
    for (const ms of NUDGE_FOLLOW_UPS_MS) this.later(ms);
  }

  private later(ms: number) {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.poll();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  /** One pass at a time; a request during a pass runs one more pass after it. */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await deliverDue(this.deps, this.deps.now());
        } while (this.again && !this.stopped);
        await this.scheduleRetry();
      } catch (err) {
        if (!this.stopped) console.error('webhook delivery worker', err);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async scheduleRetry() {
    if (this.stopped) return;
    const next = await repo.nextDueAt(this.deps.db);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (!next) return;
    const wait = Math.min(Math.max(next.getTime() - this.deps.now().getTime(), 50), MAX_SLEEP_MS);
    this.retryTimer = setTimeout(() => void this.poll(), wait);
    this.retryTimer.unref();
  }
}
