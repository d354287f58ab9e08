import Sentiment from "sentiment";

/** What the session rules need to know about a user before their next interaction. */
export interface SessionState {
  sessionStartedAt: Date | null;
  lastActivityAt: Date | null;
  infiniteSession: boolean;
}

/** How one interaction moves a user's session and time spent. */
export interface SessionStep {
  newSession: boolean;
  sessionStartedAt: Date;
  /** Whole seconds to add to time spent, so that a session's total is its length (last − start). */
  addedSeconds: number;
}

/** True when a session last active at `lastActivityAt` has ended by `now`: the gap exceeds the timeout. */
export function sessionExpired(
  lastActivityAt: Date | null,
  now: Date,
  timeoutMs: number,
  infiniteSession: boolean,
): boolean {
  if (lastActivityAt === null) return true;
  return !infiniteSession && now.getTime() - lastActivityAt.getTime() > timeoutMs;
}

/**
 * Applies an interaction at `now`: a new session starts when there was none or the gap since the
 * last activity exceeds the timeout (never with infinite session on); otherwise the session grows by the gap.
 */
export function nextSession(state: SessionState, now: Date, timeoutMs: number): SessionStep {
  const { sessionStartedAt, lastActivityAt } = state;
  if (sessionStartedAt === null || sessionExpired(lastActivityAt, now, timeoutMs, state.infiniteSession)) {
    return { newSession: true, sessionStartedAt: now, addedSeconds: 0 };
  }
  // Seconds since the start, before and after: the increments of one session add up to its length.
  const last = lastActivityAt ?? sessionStartedAt;
  const start = sessionStartedAt.getTime();
  const secondsAt = (t: number) => Math.floor(Math.max(0, t - start) / 1000);
  const addedSeconds = Math.max(0, secondsAt(now.getTime()) - secondsAt(last.getTime()));
  return { newSession: false, sessionStartedAt, addedSeconds };
}

/** The average sentiment of a user's scored messages, or null when none was scored. */
export function averageSentiment(total: number, count: number): number | null {
  return count === 0 ? null : total / count;
}

/**
 * Words and emoji the `sentiment` library (AFINN-165 and the 2015 Emoji Sentiment Ranking) lacks:
 * "slow" (a bot is "so slow!"), and common emoji newer than that ranking.
 */
export const sentimentExtras: Readonly<Record<string, number>> = {
  slow: -2,
  "🙂": 1,
  "🥰": 3,
  "🤣": 2,
  "😢": -2,
  "🤬": -3,
};

const analyzer = new Sentiment();
const emojiVariation = /[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;
const pictograph = /\p{Extended_Pictographic}/gu;

/**
 * The AFINN sentiment score of a text, emoji included. The library splits on spaces only, so emoji
 * are spaced out first ("great😍😍" is three tokens), and variation selectors and skin tones dropped.
 */
export function sentimentScore(text: string): number {
  const spaced = text.replace(emojiVariation, "").replace(pictograph, " $& ");
  return analyzer.analyze(spaced, { extras: sentimentExtras }).score;
}

/** The parts of a Telegram message activity looks at (structurally, so this stays grammY-free). */
export interface MessageLike {
  text?: string;
  caption?: string;
  sticker?: { emoji?: string };
}

const maxLastMessageLength = 4096;
const mediaKinds = [
  "photo",
  "video",
  "animation",
  "document",
  "audio",
  "voice",
  "video_note",
  "sticker",
  "contact",
  "location",
  "venue",
  "poll",
  "dice",
] as const;

/** What a user's message says for activity: a label for "last message" and its sentiment (null: not scored). */
export function readMessage(message: MessageLike): { label: string; sentiment: number | null } {
  if (message.text !== undefined) {
    // Commands are the bot's vocabulary, not the user's mood.
    const scored = message.text.startsWith("/") ? null : sentimentScore(message.text);
    return { label: message.text.slice(0, maxLastMessageLength), sentiment: scored };
  }
  const kind = mediaKinds.find((k) => k in message) ?? "message";
  const words = message.caption ?? message.sticker?.emoji;
  const label = words === undefined ? `[${kind}]` : `[${kind}] ${words}`;
  return {
    label: label.slice(0, maxLastMessageLength),
    sentiment: words === undefined ? null : sentimentScore(words),
  };
}
