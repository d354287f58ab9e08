import { type Priority, priorities } from "../../telegram/outgoing/priority.js";

/** What one live instance asks of the limit, as it last published it. */
export interface InstanceDemand {
  instance: string;
  /** Free turns a second it wants at each priority (taken in the last second plus waiting now). */
  wants: Record<Priority, number>;
  /** Calls waiting for a turn now: more would be used at once. */
  queued: number;
}

/**
 * The least share of an instance (messages a second), however little it asks: its first reply goes
 * without waiting for the next sync, and every instance's floor together is at most half the limit.
 */
export const minimumShare = 1;

/**
 * Divides `limit` (messages a second) among the live instances; the shares sum to at most `limit`.
 * Each gets its floor, then what it wants, priority by priority (replies of all instances before
 * anyone's alerts, alerts before broadcasts), in proportion when a priority wants more than is
 * left; what nobody asked for goes to the instances with a queue, in proportion to what they want
 * (to everyone alike when no one waits, for the next burst). Shares are whole messages when the
 * floors are. Alone, an instance has the whole limit.
 */
export function divideLimit(limit: number, instances: readonly InstanceDemand[]): Map<string, number> {
  const shares = new Map<string, number>();
  if (instances.length === 1) shares.set((instances[0] as InstanceDemand).instance, limit);
  if (instances.length <= 1) return shares;
  const floor = Math.min(minimumShare, limit / (2 * instances.length));
  const given = instances.map(() => floor);
  // The floor covers an instance's first wants, replies first: it is not given twice.
  const credit = instances.map(() => floor);
  let left = limit - floor * instances.length;
  for (const priority of priorities) {
    const unmet = instances.map((demand, i) => {
      const wants = Math.max(0, demand.wants[priority]);
      const covered = Math.min(credit[i] as number, wants);
      credit[i] = (credit[i] as number) - covered;
      return wants - covered;
    });
    const asked = sum(unmet);
    if (asked === 0 || left <= 0) continue;
    const fraction = Math.min(1, left / asked);
    unmet.forEach((wants, i) => {
      given[i] = (given[i] as number) + wants * fraction;
    });
    left -= asked * fraction;
  }
  const receives = instances.map(() => false);
  if (left > 0) {
    const waiting = instances.map((demand) => (demand.queued > 0 ? totalWants(demand) : 0));
    const weights = sum(waiting) > 0 ? waiting : instances.map(() => 1);
    const total = sum(weights);
    weights.forEach((weight, i) => {
      given[i] = (given[i] as number) + (left * weight) / total;
      receives[i] = weight > 0;
    });
  }
  const whole = floor >= 1 ? wholeShares(Math.floor(limit), given, receives) : given;
  instances.forEach((demand, i) => {
    shares.set(demand.instance, whole[i] as number);
  });
  return shares;
}

/**
 * The shares in whole messages, summing to `limit`: an instance's pacing counts whole messages in a
 * window (4.8 would send as 4, the 0.8 lost to everyone). What an instance asked for is rounded up,
 * when others take the unasked rest (so its share does not flicker with the noise of its demand):
 * they give way for it, and get what is left by largest remainder.
 */
function wholeShares(limit: number, given: readonly number[], receives: readonly boolean[]): number[] {
  // With no rest to take from (they ask more than the limit), every share rounds down alike.
  const rest = receives.includes(true);
  const whole = given.map((share, i) => (rest && !receives[i] ? Math.ceil(share - 1e-9) : Math.floor(share)));
  const takers = rest ? receives : receives.map(() => true);
  let left = limit - sum(whole);
  while (left < 0) {
    const largest =
      largestIndex(whole, (i) => takers[i] === true && (whole[i] as number) > 1) ??
      largestIndex(whole, (i) => (whole[i] as number) > 1);
    if (largest === undefined) break;
    whole[largest] = (whole[largest] as number) - 1;
    left += 1;
  }
  const byRemainder = given
    .map((share, i) => ({ i, remainder: share - Math.floor(share) }))
    .filter(({ i }) => takers[i]);
  byRemainder.sort((x, y) => y.remainder - x.remainder);
  for (let k = 0; left > 0 && byRemainder.length > 0; k++) {
    const { i } = byRemainder[k % byRemainder.length] as { i: number };
    whole[i] = (whole[i] as number) + 1;
    left -= 1;
  }
  return whole;
}

/** The index of the largest value among those `eligible` lets through. */
function largestIndex(values: readonly number[], eligible: (i: number) => boolean): number | undefined {
  let best: number | undefined;
  values.forEach((value, i) => {
    if (eligible(i) && (best === undefined || value > (values[best] as number))) best = i;
  });
  return best;
}

function totalWants(demand: InstanceDemand): number {
  return sum(priorities.map((priority) => Math.max(0, demand.wants[priority])));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
