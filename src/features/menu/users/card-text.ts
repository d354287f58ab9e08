import type { Services } from "../../../bot/services.js";
import { texts } from "../../../texts/admin-users.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { GroupRepository } from "../../groups/group-repository.js";
import { type ContactField, sourceOf } from "../../users/contact-sources.js";
import { displayName } from "../../users/display-name.js";
import { localTimeOf } from "../../users/local-time.js";
import { isPaused, isPausedUntilResumed } from "../../users/takeover/pause.js";
import type { UserRecord } from "../../users/user-repository.js";
import { formatUtcMinute } from "../audit/utc-time.js";

/** Attributes shown on the card; the 🔑 page lists them all. */
const cardAttributes = 10;
const lastMessagePreview = 200;

const when = (at: Date | null) => (at === null ? texts.card.none : formatUtcMinute(at));
const orNone = (value: string | null) => (value === null || value === "" ? texts.card.none : value);
const yesNo = (on: boolean) => (on ? texts.card.yes : texts.card.no);

function duration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0
    ? fillTemplate(texts.card.hoursMinutes, { hours, minutes })
    : fillTemplate(texts.card.minutesSeconds, { minutes, seconds: seconds % 60 });
}

/** A phone or email with where it came from, so an admin sees which ones are unverified. */
function contactValue(user: UserRecord, field: ContactField): string {
  const source = sourceOf(user, field);
  return source === null ? texts.card.none : `${user[field]}${texts.card.contactSources[source]}`;
}

/** The user's name as the menu shows it, with the Dear User fallback. */
export const nameOf = (user: UserRecord) => displayName(user, shared.dearUser);

/** The user id as admins read it; surrogate ids of imported contacts say so. */
export const idOf = (user: UserRecord) =>
  user.id > 0 ? String(user.id) : `${user.id} (${texts.card.importedId})`;

/** The whole user card: profile, referral, shared groups, tags, attributes, notes, activity and takeover state. */
export function userCardText(services: Services, user: UserRecord): string {
  const now = services.now();
  const parent = user.referrerId === null ? undefined : services.users.find(user.referrerId);
  const campaign = user.campaignId === null ? undefined : services.campaigns.find(user.campaignId);
  const tags = services.users.tagsOf(user.id);
  const topics = services.topics.subscriptionsOf(user.id);
  const attributes = services.users.attributesOf(user.id);
  const shownAttributes = attributes
    .slice(0, cardAttributes)
    .map((a) => `${a.key}=${a.value.length > 40 ? `${a.value.slice(0, 40)}…` : a.value}`)
    .join(", ");
  const more =
    attributes.length > cardAttributes
      ? fillTemplate(texts.card.moreAttributes, { count: attributes.length - cardAttributes })
      : "";
  const pause = !isPaused(user.pausedUntil, now)
    ? texts.card.notPaused
    : isPausedUntilResumed(user.pausedUntil)
      ? texts.card.pausedForever
      : fillTemplate(texts.card.pausedUntil, { until: when(user.pausedUntil) });
  const lastMessage =
    user.lastMessageText === null
      ? texts.card.none
      : user.lastMessageText.length > lastMessagePreview
        ? `${user.lastMessageText.slice(0, lastMessagePreview)}…`
        : user.lastMessageText;
  const local = localTimeOf(user.timezone, now);
  const groups = new GroupRepository(services.db).sharedWith(user.id).map((g) => g.title);
  return fillTemplate(texts.card.lines, {
    name: nameOf(user),
    id: idOf(user),
    username: user.username ? `@${user.username}` : texts.card.none,
    language: orNone(user.languageCode),
    premium: yesNo(user.isPremium),
    status: texts.card.statuses[user.status],
    liveness:
      user.deadAt === null
        ? texts.card.alive
        : fillTemplate(texts.card.dead, { at: when(user.deadAt), reason: orNone(user.deadReason) }),
    registered: when(user.registeredAt),
    first_seen: when(user.firstSeenAt),
    last_seen: when(user.lastSeenAt),
    email: contactValue(user, "email"),
    phone: contactValue(user, "phone"),
    timezone: orNone(user.timezone),
    gender: orNone(user.gender),
    local_time: local
      ? fillTemplate(texts.card.localTime, { time: local.toFormat("HH:mm"), timezone: local.zoneName ?? "" })
      : "",
    parent: parent ? `${nameOf(parent)} (${parent.id})` : texts.card.none,
    campaign: campaign ? campaign.name : texts.card.none,
    referrals: user.referralCount,
    groups: groups.length > 0 ? groups.join(", ") : texts.card.no,
    tags: tags.length > 0 ? tags.join(", ") : texts.card.none,
    topics: topics.length > 0 ? topics.map((s) => s.topic.name).join(", ") : texts.card.none,
    attributes: attributes.length > 0 ? `${shownAttributes}${more}` : texts.card.none,
    notes: services.users.notesOf(user.id).length,
    sessions: user.sessionCount,
    messages: user.messageCount,
    clicks: user.clickCount,
    time: duration(user.timeSpentSeconds),
    sentiment:
      user.sentimentCount === 0 ? texts.card.none : (user.sentimentTotal / user.sentimentCount).toFixed(2),
    last_message: lastMessage,
    last_message_at: when(user.lastMessageAt),
    pause,
    infinite: yesNo(user.infiniteSession),
  });
}
