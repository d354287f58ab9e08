import { useState } from "preact/hooks";
import type { AppClient } from "../api-client.js";
import type { User } from "../api-types.js";
import {
  ConfirmButton,
  ErrorBox,
  formatTime,
  Section,
  saveFile,
  useAction,
  useLoad,
} from "../components/common.js";
import { t } from "../texts/index.js";

/** One user as the bot's card shows them: profile, tags, attributes, notes, the bot's pause, GDPR. */
export function UserCard({ client, id, onGone }: { client: AppClient; id: number; onGone: () => void }) {
  const texts = t().card;
  const loaded = useLoad(() => client.get<User>(`/users/${id}`), [id]);
  const [user, setUser] = useState<User | undefined>(undefined);
  const [note, setNote] = useState("");
  const action = useAction();
  const shown = user?.id === id ? user : loaded.value;

  if (!shown) return loaded.error ? <ErrorBox error={loaded.error} /> : <p class="hint">{t().loading}</p>;
  const f = texts.fields;
  const profile: Array<[string, string | number | null]> = [
    [f.id, shown.telegram_id],
    [f.username, shown.username ? `@${shown.username}` : null],
    [f.language, shown.chosen_language ?? shown.language],
    [f.status, `${t().stats.status[shown.status]}${shown.dead ? ` · ${t().users.dead}` : ""}`],
    [f.email, shown.email],
    [f.phone, shown.phone],
    [f.timezone, shown.timezone],
    [f.joined, formatTime(shown.registered_at ?? shown.created_at)],
    [f.seen, formatTime(shown.last_seen_at)],
    [f.referrals, shown.referral_count],
    [f.campaign, shown.campaign?.name ?? null],
  ];
  const activity: Array<[string, string | number | null]> = [
    [f.messages, shown.activity.messages],
    [f.sessions, shown.activity.sessions],
    [f.clicks, shown.activity.clicks],
    [f.lastMessage, shown.activity.last_message],
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
  const download = () =>
    action.run(async () => {
      const file = await client.download(`/users/${id}/export`, `user-${id}.json`);
      saveFile(file.blob, file.name);
    });
  const remove = () =>
    action.run(async () => {
      await client.delete(`/users/${id}`);
      onGone();
    });

  return (
    <div class="screen user-card">
      <h1>{shown.display_name}</h1>
      <ErrorBox error={action.error} />
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
          <button type="button" class="secondary" disabled={action.busy} onClick={download}>
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
