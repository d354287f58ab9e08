import type { ChatMember } from "grammy/types";

/** Whether a getChatMember answer counts as "joined" for the subscription check. */
export function isJoined(member: ChatMember): boolean {
  switch (member.status) {
    case "creator":
    case "administrator":
    case "member":
      return true;
    case "restricted":
      return member.is_member;
    default:
      return false;
  }
}

/** A short-lived memory of membership answers, so each update does not cost one call per chat. */
export class MembershipCache {
  private readonly entries = new Map<string, { joined: boolean; at: number }>();

  constructor(private readonly now: () => Date) {}

  get(chatId: number, userId: number, maxAgeSeconds: number): boolean | undefined {
    const entry = this.entries.get(`${chatId}:${userId}`);
    if (!entry || this.now().getTime() - entry.at >= maxAgeSeconds * 1000) return undefined;
    return entry.joined;
  }

  set(chatId: number, userId: number, joined: boolean): void {
    // Bounded: expired answers are useless, and a large bot must not grow this without limit.
    if (this.entries.size >= 100_000) this.entries.clear();
    this.entries.set(`${chatId}:${userId}`, { joined, at: this.now().getTime() });
  }

  forget(chatId: number, userId: number): void {
    this.entries.delete(`${chatId}:${userId}`);
  }
}
