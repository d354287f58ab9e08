import { type Priority, priorities } from "./priority.js";

/** A call waiting for its turn to send. */
export interface Waiter {
  priority: Priority;
  /** Absent when the call names no chat (it then waits in a line of its own). */
  chatId: number | undefined;
  /** When it first asked (a retry after a 429 keeps it): its age. */
  since: number;
}

/**
 * The calls waiting to send: one lane per priority, and in each lane one line per chat, so a
 * chat that may not send yet holds up nobody but itself. A line is first come, first served.
 */
export class OutgoingQueue<W extends Waiter> {
  private readonly lanes = new Map<Priority, Map<unknown, W[]>>(priorities.map((p) => [p, new Map()]));
  private readonly counts: Record<Priority, number> = { reply: 0, alert: 0, broadcast: 0 };

  /** Queues `waiter` at the end of its chat's line, or at its head when it already had its turn (a 429). */
  add(waiter: W, atHead = false): void {
    const lane = this.laneOf(waiter.priority);
    const key = waiter.chatId ?? waiter;
    const line = lane.get(key);
    if (line === undefined) lane.set(key, [waiter]);
    else if (atHead) line.unshift(waiter);
    else line.push(waiter);
    this.counts[waiter.priority] += 1;
  }

  /**
   * Takes out, by priority then by chat, every head that `mayGo` lets go, handing each to `go`, in one
   * pass: letting one go never lets another go that was held before, so nothing is skipped.
   */
  takeReady(mayGo: (waiter: W) => boolean, go: (waiter: W) => void): void {
    for (const priority of priorities) {
      const lane = this.laneOf(priority);
      // forEach rather than entries(): no array per line on a path taken at every send.
      lane.forEach((line, key) => {
        while (line.length > 0 && mayGo(line[0] as W)) {
          const head = line.shift() as W;
          this.counts[priority] -= 1;
          go(head);
        }
        if (line.length === 0) lane.delete(key);
      });
    }
  }

  /** Calls `visit` with the first waiter of every line: nobody behind them can go before them. */
  forEachHead(visit: (head: W) => void): void {
    for (const lane of this.lanes.values()) {
      lane.forEach((line) => {
        visit(line[0] as W);
      });
    }
  }

  /** Takes out the waiters at the head of their line that `expired` says are too old. */
  removeExpired(expired: (waiter: W) => boolean): W[] {
    const removed: W[] = [];
    for (const [priority, lane] of this.lanes) {
      for (const [key, line] of lane) {
        while (line.length > 0 && expired(line[0] as W)) {
          removed.push(line.shift() as W);
          this.counts[priority] -= 1;
        }
        if (line.length === 0) lane.delete(key);
      }
    }
    return removed;
  }

  /** Takes `waiter` out (it gave up); false when it was not queued. */
  remove(waiter: W): boolean {
    const lane = this.laneOf(waiter.priority);
    const key = waiter.chatId ?? waiter;
    const line = lane.get(key);
    const index = line?.indexOf(waiter) ?? -1;
    if (line === undefined || index < 0) return false;
    line.splice(index, 1);
    if (line.length === 0) lane.delete(key);
    this.counts[waiter.priority] -= 1;
    return true;
  }

  /** How many wait, per priority. */
  sizes(): Record<Priority, number> {
    return { ...this.counts };
  }

  private laneOf(priority: Priority): Map<unknown, W[]> {
    return this.lanes.get(priority) as Map<unknown, W[]>;
  }
}
