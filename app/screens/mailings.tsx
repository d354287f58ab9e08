import { useEffect, useState } from "preact/hooks";
import { type AppClient, queryOf } from "../api-client.js";
import type { Mailing, MailingDraftPreview, MailingList } from "../api-types.js";
import { ErrorBox, formatTime, Section, useAction } from "../components/common.js";
import { t } from "../texts/index.js";

/** The mailings screen: compose one (text, audience with its exact count, preview, now or later) and the history. */
export function MailingsScreen({ client, onOpen }: { client: AppClient; onOpen: (id: number) => void }) {
  return (
    <div class="screen">
      <Compose client={client} onCreated={onOpen} />
      <History client={client} onOpen={onOpen} />
    </div>
  );
}

/** How the preview names the recipient it is shown as. */
function recipientName(user: NonNullable<MailingDraftPreview["user"]>): string {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  if (name !== "") return name;
  return user.username ? `@${user.username}` : `#${user.id}`;
}

function Compose({ client, onCreated }: { client: AppClient; onCreated: (id: number) => void }) {
  const texts = t().mailings;
  const [text, setText] = useState("");
  const [segment, setSegment] = useState("");
  const [later, setLater] = useState(false);
  const [at, setAt] = useState("");
  const [draft, setDraft] = useState<{ value?: MailingDraftPreview; error?: unknown }>({});
  const create = useAction();
  // The preview sends what Start sends: it is refused, counted and filled as the mailing would be.
  const body = {
    text,
    audience: { segment: segment.trim() },
    ...(later && at !== "" && { schedule_at: new Date(at).toISOString() }),
  };
  const bodyKey = JSON.stringify(body);

  // The preview and the exact count follow the draft as it is typed, a moment after the last key.
  useEffect(() => {
    let live = true;
    setDraft({});
    if (text.trim() === "") return;
    const timer = setTimeout(() => {
      client.post<MailingDraftPreview>("/mailings/preview", body).then(
        (value) => live && setDraft({ value }),
        (error: unknown) => live && setDraft({ error }),
      );
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, bodyKey]);

  const submit = (event: Event) => {
    event.preventDefault();
    void create.run(async () => {
      const mailing = await client.post<Mailing>("/mailings", body);
      setText("");
      onCreated(mailing.id);
    });
  };

  return (
    <Section title={texts.compose}>
      <form class="compose" onSubmit={submit}>
        <label for="mailing-text">{texts.text}</label>
        <textarea
          id="mailing-text"
          rows={4}
          value={text}
          maxLength={4096}
          placeholder={texts.textHint}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <label for="mailing-segment">{texts.audience}</label>
        <input
          id="mailing-segment"
          value={segment}
          autocomplete="off"
          spellcheck={false}
          placeholder={t().users.filterHint}
          onInput={(event) => setSegment(event.currentTarget.value)}
        />
        <DraftPreview draft={draft} typed={text.trim() !== ""} />
        <fieldset class="row">
          <legend>{texts.when}</legend>
          <label>
            <input type="radio" name="when" checked={!later} onChange={() => setLater(false)} /> {texts.now}
          </label>
          <label>
            <input type="radio" name="when" checked={later} onChange={() => setLater(true)} /> {texts.later}
          </label>
          {later && (
            <input
              type="datetime-local"
              aria-label={texts.scheduledAt}
              value={at}
              onInput={(event) => setAt(event.currentTarget.value)}
            />
          )}
        </fieldset>
        <ErrorBox error={create.error} />
        <button type="submit" disabled={create.busy || text.trim() === "" || (later && at === "")}>
          {later ? texts.schedule : texts.start}
        </button>
      </form>
    </Section>
  );
}

function DraftPreview({
  draft,
  typed,
}: {
  draft: { value?: MailingDraftPreview; error?: unknown };
  typed: boolean;
}) {
  const texts = t().draft;
  if (!typed) return <p class="hint">{texts.typeFirst}</p>;
  if (draft.error) return <ErrorBox error={draft.error} />;
  const preview = draft.value;
  if (!preview) return <p class="hint">{t().loading}</p>;
  return (
    <>
      <p class="hint" data-testid="audience-count">
        {preview.recipients === 0 ? texts.nobody : texts.recipients(preview.recipients)}
      </p>
      {preview.user && (
        <div class="preview" data-testid="draft-preview">
          <small class="hint">{texts.asUser(recipientName(preview.user))}</small>
          <div class="bubble">{preview.text ?? ""}</div>
        </div>
      )}
    </>
  );
}

function History({ client, onOpen }: { client: AppClient; onOpen: (id: number) => void }) {
  const texts = t().mailings;
  const [items, setItems] = useState<Mailing[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = useAction();
  const page = (after: string | null) =>
    load.run(async () => {
      const list = await client.get<MailingList>(`/mailings${queryOf({ limit: 20, cursor: after })}`);
      setItems((before) => (after === null ? list.mailings : [...before, ...list.mailings]));
      setCursor(list.next_cursor);
    });
  useEffect(() => {
    void page(null);
  }, []);
  return (
    <Section title={texts.history}>
      <ErrorBox error={load.error} />
      {!load.busy && items.length === 0 && <p class="hint">{texts.noMailings}</p>}
      <ul class="history">
        {items.map((mailing) => (
          <li key={mailing.id}>
            <button type="button" class="link" onClick={() => onOpen(mailing.id)}>
              <span>
                #{mailing.id} {texts.kind[mailing.kind]} · {formatTime(mailing.created_at)}
              </span>
              <span class={`status ${mailing.status}`}>{texts.status[mailing.status]}</span>
              <small class="hint">
                {mailing.content?.text?.slice(0, 80) ?? ""}{" "}
                {mailing.audience.segment && `· ${mailing.audience.segment}`}
              </small>
              <small>
                {mailing.counts.sent}/{mailing.counts.total || (mailing.estimated_recipients ?? 0)}
              </small>
            </button>
          </li>
        ))}
      </ul>
      {cursor !== null && (
        <button type="button" class="secondary wide" disabled={load.busy} onClick={() => page(cursor)}>
          {texts.loadMore}
        </button>
      )}
    </Section>
  );
}
