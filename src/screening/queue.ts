// Screenings take turns: a few at once in a process, one at a time per tenant, a bounded line waiting, each told its place.

export interface QueueLimits {
  /** Screenings running at once for one tenant. */
  perTenant: number;
  /** Screenings running at once in this process, all tenants together. */
  overall: number;
  /** Screenings waiting, all tenants together; one more is refused. */
  maxWaiting: number;
  /** Screenings one tenant may have waiting: no tenant fills the line for the others. */
  maxWaitingPerTenant: number;
}

/** A dense 10,000-row file takes about 40 s of CPU: two at once keep one core free for commands and alerts. */
export const SCREENING_LIMITS: QueueLimits = { perTenant: 1, overall: 2, maxWaiting: 20, maxWaitingPerTenant: 3 };

export interface Turn {
  /** 0: it starts now; else its place in the line (1: next). */
  position: number;
  /** Settles when it may start. */
  started: Promise<void>;
  /** Gives its place up once it is finished (or failed): the next in line starts. */
  done(): void;
}

export interface ScreeningQueue {
  readonly limits: QueueLimits;
  /** A place for a screening of `tenant`, or null when the line is full. */
  enter(tenant: string): Turn | null;
}

export function screeningQueue(limits: QueueLimits = SCREENING_LIMITS): ScreeningQueue {
  const running = new Map<string, number>();
  let total = 0;
  const waiting: { tenant: string; start: () => void }[] = [];

  const canStart = (tenant: string) => total < limits.overall && (running.get(tenant) ?? 0) < limits.perTenant;
  const begin = (tenant: string) => {
    total += 1;
    running.set(tenant, (running.get(tenant) ?? 0) + 1);
  };
  // The first in line whose tenant has room goes next: one busy tenant never holds up another's screening.
  const next = () => {
    for (let i = 0; i < waiting.length && total < limits.overall; ) {
      const entry = waiting[i]!;
      if (!canStart(entry.tenant)) {
        i += 1;
        continue;
      }
      waiting.splice(i, 1);
      begin(entry.tenant);
      entry.start();
    }
  };
  const finisher = (tenant: string) => {
    let finished = false;
    return () => {
      if (finished) return;
      finished = true;
      total -= 1;
      const left = running.get(tenant)! - 1;
      if (left) running.set(tenant, left);
      else running.delete(tenant);
      next();
    };
  };

  return {
    limits,
    enter(tenant) {
      // Nothing of the tenant can be waiting while it has room: next() would have started it.
      if (canStart(tenant)) {
        begin(tenant);
        return { position: 0, started: Promise.resolve(), done: finisher(tenant) };
      }
      if (waiting.length >= limits.maxWaiting || waiting.filter((w) => w.tenant === tenant).length >= limits.maxWaitingPerTenant) return null;
      let start!: () => void;
      const started = new Promise<void>((resolve) => (start = resolve));
      waiting.push({ tenant, start });
      return { position: waiting.length, started, done: finisher(tenant) };
    },
  };
}
