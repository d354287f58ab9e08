import { useState } from "preact/hooks";
import { ApiFailure, type AppClient } from "../api-client.js";
import type { ContactSource, TopicSubscription, User } from "../api-types.js";
import { ConfirmButton, ErrorBox, formatTime, Section, useAction, useLoad } from "../components/common.js";
import type { DownloadFile } from "../file-download.js";
import { t } from "../texts/index.js";

/** One user as the bot's card shows them: profile, tags, attributes, notes, the bot's pause, GDPR. */
export function UserCard({
  client,
  download,
  id,
  onGone,
}: {
  client: AppClient;
  download: DownloadFile;
  id: number;
  onGone: () => void;
}) {
  const texts = t().card;
  const loaded = useLoad(() => client.get<User>(`/users/${id}`), [id]);
  const topics = useLoad(
    () => client.get<{ topics: TopicSubscription[] }>(`/users/${id}/topics`).then((list) => list.topics),
    [id],
  );
  const referrerId = loaded.value?.referrer_id ?? null;
  // The bot's card names the referrer; one who was deleted since is shown by id alone.
  const referrer = useLoad(
    () =>
      referrerId === null
        ? Promise.resolve(null)
        : client.get<User>(`/users/${referrerId}`).then(
            (parent) => `${parent.display_name} (${parent.id})`,
            () => String(referrerId),
          ),
    [referrerId],
  );
  const [user, setUser] = useState<User | undefined>(undefined);
  const [note, setNote] = useState("");
  const action = useAction();
  const shown = user?.id === id ? user : loaded.value;

  // Deleted meanwhile (from the bot, another admin's app, or the API): say so in the admin's language.
  const goneError = (error: unknown) =>
    error instanceof ApiFailure && error.status === 404 && error.code === "not_found"
      ? new Error(texts.gone)
      : error;
  if (!shown)
    return loaded.error ? <ErrorBox error={goneError(loaded.error)} /> : <p class="hint">{t().loading}</p>;
  const f = texts.fields;
  const yesNo = (on: boolean) => (on ? texts.yes : texts.no);
  const contact = (value: string | null, source: ContactSource | null) =>
    value === null || source === null || texts.contactSources[source] === ""
      ? value
      : `${value} (${texts.contactSources[source]})`;
  const spent = shown.activity.time_spent_seconds;
  const profile: Array<[string, string | number | null]> = [
    [f.id, shown.telegram_id],
    [f.username, shown.username ? `@${shown.username}` : null],
    [f.language, shown.chosen_language ?? shown.language],
    [f.premium, yesNo(shown.premium)],
    [
      f.status,
      `${t().stats.status[shown.status]}${shown.dead ? ` · ${texts.deadSince(formatTime(shown.dead_at), shown.dead_reason)}` : ""}`,
    ],
    [f.email, contact(shown.email, shown.email_source)],
    [f.phone, contact(shown.phone, shown.phone_source)],
    [f.timezone, shown.timezone],
    // The user's wall clock: the ISO time carries their offset, so its hh:mm is theirs.
    [f.localTime, shown.local_time?.slice(11, 16) ?? null],
    [f.gender, shown.gender],
    [f.joined, shown.registered_at ? formatTime(shown.registered_at) : null],
    [f.firstSeen, formatTime(shown.created_at)],
    [f.seen, formatTime(shown.last_seen_at)],
    [f.referrer, referrer.value ?? null],
    [f.referrals, shown.referral_count],
    [f.campaign, shown.campaign?.name ?? null],
    [f.groups, shown.groups.map((group) => group.title).join(", ")],
  ];
  const activity: Array<[string, string | number | null]> = [
    [f.messages, shown.activity.messages],
    [f.sessions, shown.activity.sessions],
    [f.clicks, shown.activity.clicks],
    [f.timeSpent, texts.timeSpent(Math.floor(spent / 3600), Math.floor((spent % 3600) / 60))],
    [f.sentiment, shown.activity.average_sentiment?.toFixed(2) ?? null],
    [f.lastMessage, shown.activity.last_message],
    [f.lastMessageAt, shown.activity.last_message_at ? formatTime(shown.activity.last_message_at) : null],
    [f.infiniteSession, yesNo(shown.infinite_session)],
  ];

  const addNote = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      await client.post(`/users/${id}/notes`, { text: note.trim() });
      setNote("");
      setUser(await client.get<User>(`/users/${id}`));
    });
  };
  const control = (path: "pause" | "resume") =>
    action.run(async () =>
      setUser(await client.post<User>(`/users/${id}/${path}`, path === "pause" ? {} : undefined)),
    );
  const downloadData = () => action.run(() => download({ kind: "user_export", user_id: id }));
  const remove = () =>
    action.run(async () => {
      await client.delete(`/users/${id}`);
      onGone();
    });

  return (
    <div class="screen user-card">
      <h1>{shown.display_name}</h1>
      <ErrorBox error={goneError(action.error)} />
      <Section title={texts.profile}>
        <Facts rows={profile} />
      </Section>
      <Section title={texts.tags}>
        {shown.tags.length === 0 ? (
          <p class="hint">{texts.none}</p>
        ) : (
          <p>
            {shown.tags.map((tag) => (
              <span class="tag" key={tag}>
                {tag}
              </span>
            ))}
          </p>
        )}
      </Section>
      <Section title={texts.topics}>
        {(topics.value ?? []).length === 0 ? (
          <p class="hint">{texts.none}</p>
        ) : (
          <p>
            {topics.value?.map((subscription) => (
              <span class="tag" key={subscription.topic}>
                {subscription.topic}
              </span>
            ))}
          </p>
        )}
      </Section>
      <Section title={texts.attributes}>
        {Object.keys(shown.attributes).length === 0 ? (
          <p class="hint">{texts.none}</p>
        ) : (
          <Facts rows={Object.entries(shown.attributes)} />
        )}
      </Section>
      <Section title={texts.activity}>
        <Facts rows={activity} />
      </Section>
      <Section title={texts.notes}>
        {shown.notes.length === 0 && <p class="hint">{texts.noNotes}</p>}
        <ul class="notes">
          {shown.notes.map((item) => (
            <li key={item.id}>
              <p>{item.text}</p>
              <small class="hint">{formatTime(item.at)}</small>
            </li>
          ))}
        </ul>
        <form class="row" onSubmit={addNote}>
          <input
            aria-label={texts.addNote}
            placeholder={texts.notePlaceholder}
            value={note}
            maxLength={4096}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
          <button type="submit" disabled={action.busy || note.trim() === ""}>
            {texts.addNote}
          </button>
        </form>
      </Section>
      {shown.telegram_id !== null && (
        <Section title={texts.bot}>
          <p data-testid="pause-state">
            {shown.pause.paused
              ? shown.pause.paused_until
                ? texts.pausedUntil(formatTime(shown.pause.paused_until))
                : texts.paused
              : texts.running}
          </p>
          {shown.pause.paused ? (
            <button type="button" disabled={action.busy} onClick={() => control("resume")}>
              {texts.resume}
            </button>
          ) : (
            <button type="button" disabled={action.busy} onClick={() => control("pause")}>
              {texts.pause}
            </button>
          )}
        </Section>
      )}
      <Section title={texts.gdpr}>
        <div class="row">
          <button type="button" class="secondary" disabled={action.busy} onClick={downloadData}>
            {texts.download}
          </button>
          <ConfirmButton
            label={texts.delete}
            question={texts.confirmDelete}
            danger
            disabled={action.busy}
            onConfirm={() => void remove()}
          />
        </div>
      </Section>
    </div>
  );
}

/** Label/value pairs, the empty ones left out. */
function Facts({ rows }: { rows: Array<[string, string | number | null]> }) {
  return (
    <dl class="facts">
      {rows
        .filter(([, value]) => value !== null && value !== "")
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
