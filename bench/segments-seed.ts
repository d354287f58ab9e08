/**
 * The segments bench's population: a million users with a spread of statuses, languages, referrals,
 * activity, tags, attributes and poll answers, the same on every run and on either database.
 */
import type { OpenDatabase } from "../src/db/client.js";
import { bulkInsert } from "./database.js";

/** The data's "now": relative segments (`seen>-30d`) count back from it. */
export const anchor = Date.UTC(2026, 5, 1);
export const day = 86_400_000;

const firstUserId = 100_000_000;

/** A small seeded generator, so every run builds the same users. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, choices: ReadonlyArray<readonly [T, number]>): T {
  let r = random();
  for (const [value, share] of choices) {
    r -= share;
    if (r < 0) return value;
  }
  return (choices[choices.length - 1] as readonly [T, number])[0];
}

const userColumns = [
  "id",
  "first_name",
  "username",
  "language_code",
  "is_premium",
  "status",
  "first_seen_at",
  "last_seen_at",
  "registered_at",
  "referral_code",
  "referrer_id",
  "campaign_id",
  "dead_at",
  "email",
  "phone",
  "message_count",
  "session_count",
  "click_count",
  "sentiment_total",
  "sentiment_count",
] as const;

/**
 * Inserts `count` users with a spread of statuses, languages, referrals, activity, tags and attributes.
 * Users from the `_spring` campaign lean towards vip, Malaysia, e-mail and English, so the issue's
 * example selects somebody.
 */
export function insertUsers(database: OpenDatabase, count: number): void {
  const random = seededRandom(42);
  const firstId = firstUserId;
  const tables = {
    campaigns: ["code", "name", "created_at"],
    users: userColumns,
    user_tags: ["user_id", "tag", "created_at"],
    user_attributes: ["user_id", "key", "value", "updated_at"],
  };
  bulkInsert(database, tables, (into) => {
    const { campaigns, users, user_tags: tags, user_attributes: attributes } = into;
    for (let c = 1; c <= 20; c++)
      campaigns.add(c === 1 ? "_spring" : `campaign${c}`, `Campaign ${c}`, anchor);
    for (let i = 0; i < count; i++) {
      const id = firstId + i;
      const campaignId = random() < 0.1 ? (random() < 0.5 ? 1 : 2 + Math.floor(random() * 19)) : null;
      const spring = campaignId === 1;
      const status = pick(random, [
        ["active", 0.9],
        ["pending", 0.07],
        ["banned", 0.03],
      ] as const);
      const registeredAt = status === "pending" ? null : anchor - Math.floor(random() * 730 * day);
      const firstSeen = registeredAt ?? anchor - Math.floor(random() * 30 * day);
      const lastSeen = firstSeen + Math.floor(random() * (anchor - firstSeen));
      const language =
        spring && random() < 0.6
          ? "en"
          : pick(random, [
              ["en", 0.38],
              ["en-gb", 0.05],
              ["ru", 0.2],
              ["de", 0.08],
              ["es", 0.08],
              ["pt-br", 0.06],
              ["ms", 0.05],
              [null, 0.1],
            ] as const);
      const messages = Math.floor(-Math.log(1 - random()) * 20);
      const sessions = Math.ceil(messages / 3);
      const name = random() < 0.95 ? `User${i}` : random() < 0.5 ? "\u3164" : null;
      users.add(
        id,
        name,
        random() < 0.6 ? `user${i}` : null,
        language,
        random() < 0.05 ? 1 : 0,
        status,
        firstSeen,
        lastSeen,
        registeredAt,
        `r${id}`,
        i > 1000 && random() < 0.2 ? firstId + Math.floor(random() * i) : null,
        campaignId,
        random() < 0.15 ? lastSeen + day : null,
        random() < (spring ? 0.5 : 0.2) ? `user${i}@example.com` : null,
        random() < 0.1 ? `+6012${String(i).padStart(7, "0")}` : null,
        messages,
        sessions,
        Math.floor(random() * 5),
        sessions > 0 ? (random() * 2 - 0.7) * sessions : 0,
        sessions,
      );
      if (random() < (spring ? 0.4 : 0.03)) tags.add(id, "vip", anchor);
      if (random() < 0.1) tags.add(id, "beta", anchor);
      if (random() < 0.005) tags.add(id, "test", anchor);
      if (random() < 0.3) tags.add(id, "newsletter", anchor);
      if (spring && random() < 0.5) attributes.add(id, "country", "Malaysia", anchor);
      else if (random() < 0.6) {
        const country = pick(random, [
          ["Malaysia", 0.1],
          ["Germany", 0.2],
          ["Russia", 0.3],
          ["Brazil", 0.2],
          ["Kuala Lumpur", 0.2],
        ] as const);
        attributes.add(id, "country", country, anchor);
      }
      if (random() < 0.4) attributes.add(id, "age", String(16 + Math.floor(random() * 50)), anchor);
      if (random() < 0.05)
        attributes.add(
          id,
          "vip",
          pick(random, [
            ["true", 0.5],
            ["yes", 0.3],
            ["1", 0.2],
          ] as const),
          anchor,
        );
      if (random() < 0.3)
        attributes.add(
          id,
          "signup",
          new Date(anchor - Math.floor(random() * 900 * day)).toISOString().slice(0, 10),
          anchor,
        );
    }
  });
}

/** The poll mailing the answers belong to, and its options. */
export const pollMailingId = 1;
const pollOptions = ["Red", "Blue", "Green", "Other"] as const;

/**
 * Answers to one poll mailing from 60 % of the users (an option each), stored as Usher stores them, and
 * the same answers written to the attribute `colour` as the poll's attribute option would: the baseline
 * selects the same users through an attribute. A generator of its own leaves the other users' data as it was.
 */
export function insertPollAnswers(database: OpenDatabase, count: number): void {
  const random = seededRandom(7);
  const payload = {
    kind: "message",
    content: { type: "poll", question: "Colour?", options: pollOptions, allowsMultipleAnswers: false },
    buttons: [],
  };
  const tables = {
    mailings: ["id", "kind", "status", "payload", "audience", "options", "created_at"],
    poll_answers: ["mailing_id", "option", "user_id", "answered_at"],
    user_attributes: ["user_id", "key", "value", "updated_at"],
  };
  bulkInsert(database, tables, (into) => {
    const { mailings, poll_answers: answers, user_attributes: attributes } = into;
    mailings.add(
      pollMailingId,
      "mailing",
      "completed",
      JSON.stringify(payload),
      '{"includeDead":false}',
      "{}",
      anchor,
    );
    for (let i = 0; i < count; i++) {
      if (random() >= 0.6) continue;
      const option = pick(random, [
        [1, 0.4],
        [2, 0.3],
        [3, 0.2],
        [4, 0.1],
      ] as const);
      answers.add(pollMailingId, option, firstUserId + i, anchor);
      attributes.add(firstUserId + i, "colour", pollOptions[option - 1], anchor);
    }
  });
}
