/** How fast the bot may send: for the whole bot, and per chat. */
export interface PacingLimits {
  /** Messages per second for the whole bot (Telegram's free limit is about 30). */
  perSecond: number;
  /** Spacing of two messages to one private chat (positive id). */
  privateChatMs: number;
  /** Spacing of two messages to one group, supergroup or channel (negative id). */
  groupChatMs: number;
  /** The window `perSecond` counts in: a second, or a little more as a guard (default 1000). */
  windowMs?: number;
}

/**
 * Telegram's advice (about one message a second per chat, 20 a minute per group) with a small
 * guard: a request leaves a few milliseconds after its grant, and not always the same few. The
 * bot-wide window has one too: grants exactly a second apart arrive closer when the first one is the
 * later to leave (a durable commit sits between grant and request), and Telegram then counts 31.
 */
export function telegramLimits(perSecond: number): PacingLimits {
  const guardMs = 50;
  return { perSecond, privateChatMs: 1000 + guardMs, groupChatMs: 3000 + guardMs, windowMs: 1000 + 25 };
}

/**
 * A timer that fires late loses its grant only past this much: the next grants catch up. Later (or
 * after a quiet spell) the spacing starts again from now: a quiet second is not sent in a burst.
 */
const catchUpMs = 100;
/** Chats remembered before the ones free again are first forgotten. */
const chatsKept = 1000;

/**
 * When the next message may go, as pure bookkeeping over times the caller passes in: grants evenly
 * spaced at the global rate (a late timer may catch up a little, but no window of one second ever
 * holds more than the rate), each chat spaced on its own, and a pause for everyone after a 429.
 * While other instances send too, the global turns come from a clock they share: then only the
 * chats' spacing and the pause are kept here (`chatReadyAt`, `grantChat`).
 */
export class Pacing {
  /** Where the last free grant was placed on the even spacing (it may sit before its actual time). */
  private lastSlotAt = Number.NEGATIVE_INFINITY;
  /** The times of the last free grants, as many as the rate counts in a window (a ring). */
  private readonly recent: number[] = [];
  private readonly capacity: number;
  private newest = -1;
  private pausedUntilAt = Number.NEGATIVE_INFINITY;
  private readonly chatFreeAt = new Map<number, number>();
  /** The next clean-up waits until the map has doubled, so a busy second does not sweep at every grant. */
  private forgetAt = chatsKept;

  constructor(private readonly limits: PacingLimits) {
    this.capacity = windowCount(limits.perSecond);
  }

  /** The time between two free turns: a window's worth of the rate, evenly spaced. */
  get spacingMs(): number {
    return this.windowMs() / this.limits.perSecond;
  }

  /** The earliest time a message to `chatId` may go; a paid broadcast skips the global spacing. */
  readyAt(chatId: number | undefined, paid = false): number {
    if (paid) return this.chatReadyAt(chatId);
    return Math.max(this.chatReadyAt(chatId), this.nextGlobalAt(), this.windowFreesAt());
  }

  /** The next free turn on the even spacing, as this instance last paced it. */
  nextGlobalAt(): number {
    return this.lastSlotAt + this.spacingMs;
  }

  /** The earliest time a message to `chatId` may go as far as its chat and a 429 pause say. */
  chatReadyAt(chatId: number | undefined): number {
    const chat = chatId === undefined ? Number.NEGATIVE_INFINITY : (this.chatFreeAt.get(chatId) ?? 0);
    return Math.max(this.pausedUntilAt, chat);
  }

  /** Records a message sent at `now`. */
  grant(chatId: number | undefined, now: number, paid = false): void {
    if (!paid) {
      const due = this.nextGlobalAt();
      this.lastSlotAt = due >= now - catchUpMs ? due : now;
      this.recordFreeGrant(now);
    }
    if (chatId === undefined) return;
    if (this.chatFreeAt.size >= this.forgetAt) this.forgetFreeChats(now);
    const interval = chatId < 0 ? this.limits.groupChatMs : this.limits.privateChatMs;
    this.chatFreeAt.set(chatId, now + interval);
  }

  /**
   * Free turns are paced here again after the shared clock gave them, the last at `lastTurnAt`:
   * the next one comes a spacing after it, as though this instance had given them all.
   */
  continueAfter(lastTurnAt: number): void {
    this.lastSlotAt = Math.max(this.lastSlotAt, lastTurnAt);
  }

  /** Telegram said 429: nobody sends for `seconds`, nor to this chat; true when that lengthened the pause. */
  pushBack(seconds: number, now: number, chatId?: number): boolean {
    const until = now + seconds * 1000;
    if (chatId !== undefined) this.chatFreeAt.set(chatId, Math.max(this.chatFreeAt.get(chatId) ?? 0, until));
    return this.pauseUntil(until);
  }

  /** Nobody sends before `until` (another instance met a 429); true when that lengthened the pause. */
  pauseUntil(until: number): boolean {
    if (until <= this.pausedUntilAt) return false;
    this.pausedUntilAt = until;
    return true;
  }

  /** Until when everyone waits after a 429 (in the past when nobody does). */
  get pausedUntil(): number {
    return this.pausedUntilAt;
  }

  /** When the last window has room for one more free grant. */
  private windowFreesAt(): number {
    const count = this.capacity;
    if (count === 0 || this.recent.length < count) return Number.NEGATIVE_INFINITY;
    const index = (this.newest - count + 1 + this.recent.length) % this.recent.length;
    return (this.recent[index] as number) + this.windowMs();
  }

  private windowMs(): number {
    return this.limits.windowMs ?? 1000;
  }

  private recordFreeGrant(at: number): void {
    if (this.capacity === 0) return;
    this.newest = (this.newest + 1) % this.capacity;
    if (this.recent.length < this.capacity) this.recent.push(at);
    else this.recent[this.newest] = at;
  }

  private forgetFreeChats(now: number): void {
    for (const [chatId, freeAt] of this.chatFreeAt) if (freeAt <= now) this.chatFreeAt.delete(chatId);
    this.forgetAt = Math.max(chatsKept, this.chatFreeAt.size * 2);
  }
}

/** How many free grants a window may hold at `perSecond`; none are counted when the rate is unlimited. */
function windowCount(perSecond: number): number {
  return Number.isFinite(perSecond) ? Math.max(1, Math.floor(perSecond)) : 0;
}
