import { randomInt } from "node:crypto";
import type { Db } from "../db/client.js";
import { AdminDirectory } from "../features/admins/admin-directory.js";
import type { MenuButtonsShown } from "../features/app/app-menu-button.js";
import { miniAppUrl } from "../features/app/app-url.js";
import { AuditLog } from "../features/audit/audit-repository.js";
import { LinkTracker } from "../features/clicks/link-tracker.js";
import { FormRepository } from "../features/forms/form-repository.js";
import { NewUserAlertRepository } from "../features/gate/alerts/new-user-alert-repository.js";
import { CaptchaRepository } from "../features/gate/captcha/captcha-repository.js";
import type { RandomInt } from "../features/gate/captcha/challenge.js";
import { DeeplinkRepository } from "../features/gate/deeplinks/deeplink-repository.js";
import { CampaignRepository } from "../features/gate/referrals/campaign-repository.js";
import { MembershipCache } from "../features/gate/required-chats/membership.js";
import { RequiredChatRepository } from "../features/gate/required-chats/required-chat-repository.js";
import { DeliveryLanguageRepository } from "../features/mailing/delivery-language-repository.js";
import { DeliveryTimelineRepository } from "../features/mailing/delivery-timeline-repository.js";
import { MailingRepository } from "../features/mailing/mailing-repository.js";
import { PollRepository } from "../features/mailing/poll-repository.js";
import { MailingVariantRepository } from "../features/mailing/variant-repository.js";
import { WakeSignal } from "../features/mailing/wake-signal.js";
import { PersonalizationRepository } from "../features/personalization/personalization-repository.js";
import { SegmentRepository } from "../features/segments/segment-repository.js";
import { SequenceRepository } from "../features/sequences/sequence-repository.js";
import { StepPollRepository } from "../features/sequences/step-poll-repository.js";
import { SettingsRepository } from "../features/settings/settings-repository.js";
import { TopicRepository } from "../features/topics/topic-repository.js";
import { TakeoverRepository } from "../features/users/takeover/takeover-repository.js";
import { UserRepository } from "../features/users/user-repository.js";
import { VariantRepository } from "../features/variants/variant-repository.js";
import { HandledUpdateRepository } from "./handled-update-repository.js";

/** Everything handlers need, built once per process (or per test) and handed to createBot. */
export interface Services {
  db: Db;
  settings: SettingsRepository;
  users: UserRepository;
  captcha: CaptchaRepository;
  campaigns: CampaignRepository;
  deeplinks: DeeplinkRepository;
  /** Admin-built forms, the users' runs through them and their answers. */
  forms: FormRepository;
  requiredChats: RequiredChatRepository;
  membership: MembershipCache;
  admins: AdminDirectory;
  /** New-user alerts per minute and the digests that sum up busy minutes. */
  newUserAlerts: NewUserAlertRepository;
  audit: AuditLog;
  mailings: MailingRepository;
  /** Mailings' per-segment contents. */
  mailingVariants: MailingVariantRepository;
  deliveryLanguages: DeliveryLanguageRepository;
  /** When a mailing's deliveries finished, by outcome: its report's chart. */
  deliveryTimeline: DeliveryTimelineRepository;
  /** What templates read beyond the users row (attributes), a batch at a time. */
  personalization: PersonalizationRepository;
  /** Notified when a mailing is created or resumed, so the engine starts at once. */
  mailingWake: WakeSignal;
  /** Answers to poll mailings. */
  polls: PollRepository;
  segments: SegmentRepository;
  /** Sequences (drip campaigns), their steps and subscribers. */
  sequences: SequenceRepository;
  /** Answers to sequences' poll steps. */
  stepPolls: StepPollRepository;
  /** Human takeover: pauses of the bot per user and the messages relayed to the admins. */
  takeover: TakeoverRepository;
  /** Topics users subscribe to, and their subscriptions. */
  topics: TopicRepository;
  /** Which updates an instance already took on (Telegram may send one again). */
  handledUpdates: HandledUpdateRepository;
  /** Admin-written texts per language (welcome, gate texts, deeplinks, questions, steps). */
  variants: VariantRepository;
  /** Click tracking of URL buttons; present only when PUBLIC_URL is configured. */
  links?: LinkTracker;
  /** The admin Mini App's URL; present only when PUBLIC_URL is HTTPS (Telegram's rule for web apps). */
  appUrl?: string;
  /** The menu button this process last set in each admin's chat. */
  menuButtons: MenuButtonsShown;
  now: () => Date;
  random: RandomInt;
}

export interface ServiceOptions {
  ownerIds: readonly number[];
  /** PUBLIC_URL (no trailing slash): turns click tracking on. */
  publicUrl?: string;
  now?: () => Date;
  random?: RandomInt;
}

export function createServices(db: Db, options: ServiceOptions): Services {
  const now = options.now ?? (() => new Date());
  const settings = new SettingsRepository(db);
  const appUrl = miniAppUrl(options.publicUrl);
  return {
    db,
    settings,
    users: new UserRepository(db),
    captcha: new CaptchaRepository(db),
    campaigns: new CampaignRepository(db),
    deeplinks: new DeeplinkRepository(db),
    forms: new FormRepository(db),
    requiredChats: new RequiredChatRepository(db),
    membership: new MembershipCache(now),
    admins: new AdminDirectory(db, options.ownerIds),
    newUserAlerts: new NewUserAlertRepository(db),
    audit: new AuditLog(db, now),
    mailings: new MailingRepository(db),
    mailingVariants: new MailingVariantRepository(db),
    deliveryLanguages: new DeliveryLanguageRepository(db),
    deliveryTimeline: new DeliveryTimelineRepository(db),
    personalization: new PersonalizationRepository(db),
    mailingWake: new WakeSignal(),
    polls: new PollRepository(db),
    segments: new SegmentRepository(db, { now, timeZone: () => settings.get("mailing").timezone }),
    sequences: new SequenceRepository(db),
    stepPolls: new StepPollRepository(db),
    takeover: new TakeoverRepository(db),
    topics: new TopicRepository(db),
    handledUpdates: new HandledUpdateRepository(db),
    variants: new VariantRepository(db),
    ...(options.publicUrl !== undefined && {
      links: new LinkTracker(db, { publicUrl: options.publicUrl, now }),
    }),
    ...(appUrl !== undefined && { appUrl }),
    menuButtons: new Map(),
    now,
    random: options.random ?? ((bound) => randomInt(bound)),
  };
}
