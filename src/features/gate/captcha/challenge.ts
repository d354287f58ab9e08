import { texts } from "../../../texts/bot.js";
import { renderTemplate } from "../../content/template.js";

export type CaptchaKind = "emoji" | "math";

/** A challenge as stored: the options are shown as buttons, the correct index stays on the server. */
export interface Challenge {
  nonce: string;
  question: string;
  options: string[];
  correctIndex: number;
  expiresAt: Date;
}

export interface ChallengeState extends Challenge {
  failures: number;
  cooldownUntil: Date | null;
}

export type Verdict = "passed" | "wrong" | "expired" | "stale" | "cooldown";

/** A source of randomness: an integer in [0, bound). Injected so tests can be deterministic. */
export type RandomInt = (bound: number) => number;

const emojiPool = [
  "🍎",
  "🍌",
  "🚗",
  "🐶",
  "⚽",
  "🌵",
  "🎸",
  "🔑",
  "☂️",
  "🐟",
  "🍕",
  "🚀",
  "🎈",
  "🦊",
  "🌙",
  "📚",
];
const optionCount = 6;

function shuffle<T>(items: T[], random: RandomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function nonceOf(random: RandomInt): string {
  let nonce = "";
  for (let i = 0; i < 10; i++) nonce += random(36).toString(36);
  return nonce;
}

/** Builds a fresh challenge of the given kind. */
export function createChallenge(
  kind: CaptchaKind,
  random: RandomInt,
  now: Date,
  expirySeconds: number,
  questions: { mathQuestion: string; emojiQuestion: string } = texts.captcha,
): Challenge {
  const expiresAt = new Date(now.getTime() + expirySeconds * 1000);
  if (kind === "math") {
    const a = 1 + random(9);
    const b = 1 + random(9);
    const sum = a + b;
    const candidates = shuffle(
      Array.from({ length: 17 }, (_, i) => i + 2).filter((n) => n !== sum),
      random,
    ).slice(0, optionCount - 1);
    const options = shuffle([sum, ...candidates], random).map(String);
    return {
      nonce: nonceOf(random),
      question: renderTemplate(questions.mathQuestion, { a: String(a), b: String(b) }).text,
      options,
      correctIndex: options.indexOf(String(sum)),
      expiresAt,
    };
  }
  const options = shuffle(emojiPool, random).slice(0, optionCount);
  const correctIndex = random(optionCount);
  return {
    nonce: nonceOf(random),
    question: renderTemplate(questions.emojiQuestion, { target: options[correctIndex] as string }).text,
    options,
    correctIndex,
    expiresAt,
  };
}

/** Judges a pressed button against the user's open challenge. Only the current nonce can pass, once. */
export function judgeAnswer(
  state: ChallengeState | undefined,
  nonce: string,
  optionIndex: number,
  now: Date,
): Verdict {
  if (state === undefined || state.nonce !== nonce) return "stale";
  if (state.cooldownUntil !== null && state.cooldownUntil > now) return "cooldown";
  if (state.expiresAt <= now) return "expired";
  return optionIndex === state.correctIndex ? "passed" : "wrong";
}

/** After a wrong answer: count it, and start a cool-down once the attempts are used up. */
export function afterWrongAnswer(
  failures: number,
  attempts: number,
  cooldownSeconds: number,
  now: Date,
): { failures: number; cooldownUntil: Date | null } {
  const counted = failures + 1;
  if (counted < attempts) return { failures: counted, cooldownUntil: null };
  return { failures: 0, cooldownUntil: new Date(now.getTime() + cooldownSeconds * 1000) };
}

const callbackPattern = /^gate:captcha:([0-9a-z]{10}):(\d)$/;

export function captchaCallbackData(nonce: string, optionIndex: number): string {
  return `gate:captcha:${nonce}:${optionIndex}`;
}

/** Reads a captcha button press; anything malformed is null. */
export function parseCaptchaCallback(data: string): { nonce: string; optionIndex: number } | null {
  const match = callbackPattern.exec(data);
  if (!match) return null;
  return { nonce: match[1] as string, optionIndex: Number(match[2]) };
}
