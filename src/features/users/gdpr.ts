import type { Db } from "../../db/client.js";
import type { UserRecord } from "../../db/schema/index.js";
import { UsherError } from "../../errors.js";
import type { Actor } from "../audit/audit-log.js";
import { AuditLog } from "../audit/audit-repository.js";
import { FormRepository } from "../forms/form-repository.js";
import { GroupRepository } from "../groups/group-repository.js";
import { TopicRepository } from "../topics/topic-repository.js";
import { visibleName } from "./display-name.js";
import { type PersonRow, UserDataRepository } from "./user-data-repository.js";

/** A row as JSON would carry it: dates become ISO strings. */
export type Jsonified<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

/** Another person named in someone's data: their id and name (null when they have none). */
export interface PersonRef {
  id: number;
  name: string | null;
}

/** Everything Usher stores about one user, ready for JSON.stringify. */
export interface UserDataExport {
  exportedAt: string;
  /** The users row: profile, activity, liveness, takeover. */
  user: Jsonified<UserRecord>;
  tags: Array<{ tag: string; addedAt: string }>;
  /** The topics the user is subscribed to, what subscribed them and since when. */
  topics: Array<{ topic: string; source: string; since: string }>;
  attributes: Array<{ key: string; value: string; updatedAt: string }>;
  notes: Array<{ text: string; authorId: number | null; createdAt: string }>;
  referrer: PersonRef | null;
  /** The users who joined through this user's referral link. */
  referrals: PersonRef[];
  campaign: { id: number; code: string; name: string } | null;
  deliveries: Array<{
    mailingId: number;
    state: string;
    attempts: number;
    errorKind: string | null;
    errorDescription: string | null;
    updatedAt: string | null;
  }>;
  /** Answers to poll mailings: the option's number (from 1) per chosen option. */
  pollAnswers: Array<{ mailingId: number; option: number; answeredAt: string }>;
  /** Answers to sequences' poll steps, likewise. */
  sequencePollAnswers: Array<{ stepId: number; option: number; answeredAt: string }>;
  relayedMessages: Array<{ adminChatId: number; adminMessageId: number; createdAt: string }>;
  /** Groups of the bot the user was seen in, and whether they are still a member. */
  groups: Array<{ chatId: number; title: string; isMember: boolean; seenAt: string }>;
  /** Tracked links the user followed; `user.clickCount` counts these plus inline-button presses. */
  linkClicks: Array<{ url: string; at: string }>;
  /** The open captcha, without its answer. */
  captcha: { question: string; failures: number; expiresAt: string; cooldownUntil: string | null } | null;
  /** Stored states of conversations open in the user's private chat (the profile form, say), by storage prefix. */
  conversations: Array<{ storage: string; state: unknown }>;
  /** The sequences (drip campaigns) the user is or was in, and where. */
  sequences: Array<{
    sequenceId: number;
    sequenceName: string;
    status: string;
    nextStep: number;
    dueAt: string | null;
    source: string;
    subscribedAt: string;
    stoppedAt: string | null;
    stopReason: string | null;
  }>;
  /** The forms the user went through, with what they answered. */
  forms: Array<{
    formId: number;
    formName: string;
    status: string;
    startedAt: string;
    completedAt: string | null;
    answers: Array<{ prompt: string; value: string; answeredAt: string }>;
  }>;
  /** Audit entries that name the user (userId, userIds or chatId) or that the user made as an admin. */
  audit: Array<{ action: string; actorLabel: string; before: unknown; after: unknown; at: string }>;
}

/** What the GDPR verbs need: the connection, and who administers the bot (owners included). */
export interface UserDataDeps {
  db: Db;
  admins: { isAdmin(userId: number): boolean };
  now: () => Date;
}

/** Raised when a user's data cannot be deleted; `code` says why. */
export class UserDataError extends UsherError.of("conflict", ["is_admin"]) {
  constructor(readonly userId: number) {
    super("is_admin", `User ${userId} is an admin: remove their admin rights first`);
  }
}

/** Everything stored about a user, as a plain object for a JSON download; undefined when there is no such user. */
export function exportUserData(db: Db, userId: number, now = new Date()): UserDataExport | undefined {
  const data = new UserDataRepository(db);
  const user = data.user(userId);
  if (!user) return undefined;
  const person = (p: PersonRow): PersonRef => ({
    id: p.id,
    name: [visibleName(p.firstName), visibleName(p.lastName)].filter((n) => n !== null).join(" ") || null,
  });
  const referrer = user.referrerId === null ? undefined : data.person(user.referrerId);
  const captcha = data.captcha(userId);
  return {
    exportedAt: now.toISOString(),
    user: jsonified(user),
    tags: data.tags(userId).map((t) => ({ tag: t.tag, addedAt: t.createdAt.toISOString() })),
    topics: new TopicRepository(db)
      .subscriptionsOf(userId)
      .map((s) => ({ topic: s.topic.name, source: s.source, since: s.since.toISOString() })),
    attributes: data
      .attributes(userId)
      .map((a) => ({ key: a.key, value: a.value, updatedAt: a.updatedAt.toISOString() })),
    notes: data
      .notes(userId)
      .map((n) => ({ text: n.text, authorId: n.authorId, createdAt: n.createdAt.toISOString() })),
    referrer: referrer ? person(referrer) : null,
    referrals: data.referrals(userId).map(person),
    campaign: user.campaignId === null ? null : (data.campaign(user.campaignId) ?? null),
    deliveries: data.deliveries(userId).map((d) => ({
      mailingId: d.mailingId,
      state: d.state,
      attempts: d.attempts,
      errorKind: d.errorKind,
      errorDescription: d.errorDescription,
      updatedAt: d.updatedAt?.toISOString() ?? null,
    })),
    pollAnswers: data
      .pollAnswers(userId)
      .map((a) => ({ mailingId: a.mailingId, option: a.option, answeredAt: a.answeredAt.toISOString() })),
    sequencePollAnswers: data
      .sequencePollAnswers(userId)
      .map((a) => ({ stepId: a.stepId, option: a.option, answeredAt: a.answeredAt.toISOString() })),
    relayedMessages: data.relayedMessages(userId).map((r) => ({
      adminChatId: r.adminChatId,
      adminMessageId: r.adminMessageId,
      createdAt: r.createdAt.toISOString(),
    })),
    groups: new GroupRepository(db)
      .membershipsOf(userId)
      .map((g) => ({ ...g, seenAt: g.seenAt.toISOString() })),
    linkClicks: data.linkClicks(userId).map((c) => ({ url: c.url, at: c.at.toISOString() })),
    captcha: captcha
      ? {
          question: captcha.question,
          failures: captcha.failures,
          expiresAt: captcha.expiresAt.toISOString(),
          cooldownUntil: captcha.cooldownUntil?.toISOString() ?? null,
        }
      : null,
    conversations: data.conversations(userId).map((c) => ({
      storage: c.key.slice(0, c.key.lastIndexOf(":")),
      state: JSON.parse(c.value) as unknown,
    })),
    sequences: data.sequenceSubscriptions(userId).map(({ subscription: s, sequenceName }) => ({
      sequenceId: s.sequenceId,
      sequenceName,
      status: s.status,
      nextStep: s.position,
      dueAt: s.dueAt?.toISOString() ?? null,
      source: s.source,
      subscribedAt: s.subscribedAt.toISOString(),
      stoppedAt: s.stoppedAt?.toISOString() ?? null,
      stopReason: s.stopReason,
    })),
    forms: new FormRepository(db).runsOfUser(userId).map((r) => ({
      formId: r.formId,
      formName: r.formName,
      status: r.status,
      startedAt: r.startedAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
      answers: r.answers.map((a) => ({
        prompt: a.prompt,
        value: a.value,
        answeredAt: a.answeredAt.toISOString(),
      })),
    })),
    audit: data.auditEntries(userId).map((e) => ({
      action: e.action,
      actorLabel: e.actorLabel,
      before: e.before,
      after: e.after,
      at: e.at.toISOString(),
    })),
  };
}

/** A user's data for a download by an admin or the API, audited as `users.export` (the user id only). */
export function downloadUserData(
  deps: UserDataDeps,
  actor: Actor,
  userId: number,
): UserDataExport | undefined {
  const now = deps.now();
  const data = exportUserData(deps.db, userId, now);
  if (data) new AuditLog(deps.db, () => now).record({ actor, action: "users.export", after: { userId } });
  return data;
}

/**
 * Deletes a user and everything stored about them, in one transaction: their rows in every table
 * (foreign keys cascade), their conversation states, and their id in audit entries (replaced by
 * null, so the entries still tell what admins did). Their referrals stay, without a parent; the
 * parent's referral count stays as it is (it counts people ever brought in). The one audit entry
 * this leaves, `users.delete`, says `{ deleted: 1 }` and nothing about the person. An owner or an
 * added admin is refused (remove their rights first); entries a former admin made stay, as the
 * record of what admins did. Returns false when there is no such user.
 */
export function deleteUserData(deps: UserDataDeps, actor: Actor, userId: number): boolean {
  const { db } = deps;
  const now = deps.now();
  // One connection: statements on `db` inside the callback run in the transaction.
  return db.transaction(() => {
    const data = new UserDataRepository(db);
    if (!data.user(userId)) return false;
    if (data.isStoredAdmin(userId) || deps.admins.isAdmin(userId)) throw new UserDataError(userId);
    for (const entry of data.auditValuesMentioning(userId)) {
      data.rewriteAuditValues({
        id: entry.id,
        before: withoutUser(entry.before, userId),
        after: withoutUser(entry.after, userId),
      });
    }
    data.deleteConversations(userId);
    data.delete(userId);
    new AuditLog(db, () => now).record({ actor, action: "users.delete", after: { deleted: 1 } });
    return true;
  });
}

/** A copy of an audit value with the user's id gone: userId and chatId become null, userIds lose it. */
function withoutUser(value: unknown, userId: number): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutUser(v, userId));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if ((key === "userId" || key === "chatId") && v === userId) return [key, null];
      if (key === "userIds" && Array.isArray(v)) return [key, v.filter((id) => id !== userId)];
      return [key, withoutUser(v, userId)];
    }),
  );
}

function jsonified<T extends object>(row: T): Jsonified<T> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  ) as Jsonified<T>;
}
