/** The JSON the Mini App reads from /app/api (the same bodies as /api; see GET /api/openapi.json). */

export interface Admin {
  id: number;
  first_name: string;
  language: string | null;
}

export interface Session {
  token: string;
  expires_at: string;
  admin: Admin;
}

/** A one-minute link to a file that Telegram's client fetches itself (POST /downloads). */
export interface DownloadLink {
  url: string;
  file_name: string;
  expires_at: string;
}

export interface UserSummary {
  id: number;
  telegram_id: number | null;
  first_name: string | null;
  last_name: string | null;
  display_name: string;
  username: string | null;
  language: string | null;
  chosen_language: string | null;
  premium: boolean;
  email: string | null;
  email_source: ContactSource | null;
  phone: string | null;
  phone_source: ContactSource | null;
  timezone: string | null;
  status: "active" | "pending" | "banned";
  dead: boolean;
  dead_at: string | null;
  created_at: string;
  registered_at: string | null;
  last_seen_at: string;
  tags: string[];
}

/** Where a phone or email came from: the user's own Telegram contact, an admin, the user's typing, or not known. */
export type ContactSource = "shared_contact" | "owner" | "self_reported" | "unknown";

/** A topic the user is subscribed to. */
export interface TopicSubscription {
  topic: string;
  description: string;
  source: string;
  since: string;
}

export interface UserList {
  users: UserSummary[];
  next_cursor: string | null;
  total: number;
}

export interface UserNote {
  id: number;
  author_id: number | null;
  text: string;
  at: string;
}

export interface User extends UserSummary {
  gender: string | null;
  dead_reason: string | null;
  referrer_id: number | null;
  referral_count: number;
  campaign: { id: number; code: string; name: string } | null;
  groups: Array<{ id: number; title: string }>;
  attributes: Record<string, string>;
  notes: UserNote[];
  local_time: string | null;
  activity: {
    sessions: number;
    messages: number;
    clicks: number;
    time_spent_seconds: number;
    average_sentiment: number | null;
    last_message: string | null;
    last_message_at: string | null;
    last_activity_at: string | null;
  };
  pause: { paused: boolean; paused_until: string | null; until_resumed: boolean };
  infinite_session: boolean;
}

export interface BulkResult {
  matched: number;
  tags: { add: Record<string, number>; remove: Record<string, number> };
  attributes: { set: Record<string, number>; unset: Record<string, number> };
}

export type MailingStatus = "scheduled" | "queued" | "running" | "paused" | "cancelled" | "completed";

export interface Mailing {
  id: number;
  kind: "mailing" | "check_users";
  status: MailingStatus;
  created_at: string;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  content: { type: string; text?: string } | null;
  audience: { segment: string; include_dead: boolean; time_zone: string | null };
  counts: {
    total: number;
    sent: number;
    failed: number;
    unknown: number;
    pending: number;
    newly_dead: number;
    revived: number;
  };
  estimated_recipients: number | null;
  errors: Array<{ error_class: string; count: number }>;
  languages: Array<{ language: string | null; total: number; sent: number; failed: number; unknown: number }>;
}

export interface MailingList {
  mailings: Mailing[];
  next_cursor: string | null;
}

export interface MailingPreview {
  mailing_id: number;
  user_id: number;
  type: string;
  text: string | null;
}

export interface Stats {
  users: { total: number; active: number; dead: number; pending: number; banned: number };
  new_users: { today: number; last_7_days: number; last_30_days: number };
  top_referrers: Array<{
    id: number;
    first_name: string | null;
    last_name: string | null;
    display_name: string;
    username: string | null;
    referral_count: number;
  }>;
  top_campaigns: Array<{ id: number; name: string; code: string; users: number; active: number }>;
  languages: Array<{ kind: "language" | "other" | "unknown"; code?: string; users: number }>;
}

export interface MailingDraftPreview {
  recipients: number;
  user: { id: number; first_name: string | null; last_name: string | null; username: string | null } | null;
  variant: number | null;
  type: string | null;
  text: string | null;
}

/** The `sort` of GET /users: `id` (the default) or a column of the list. */
export type UserSort =
  | "id"
  | "name"
  | "username"
  | "language"
  | "status"
  | "created_at"
  | "registered_at"
  | "last_seen_at";

/** GET /stats/charts, GET /mailings/{id}/chart: Vega 5 specs with their data, one per chart of the bot's picture. */
export interface Charts {
  charts: Array<Record<string, unknown>>;
}
