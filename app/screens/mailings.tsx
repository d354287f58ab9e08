import { useEffect, useState } from "preact/hooks";
import { type AppClient, queryOf } from "../api-client.js";
import type { Mailing, MailingList, UserList } from "../api-types.js";
import { ErrorBox, formatTime, Section, useAction } from "../components/common.js";
import { t } from "../texts/index.js";

/** The segment of those a mailing reaches by default: the audience without users who blocked the bot. */
export function reachableSegment(segment: string): string {
  const text = segment.trim();
  if (text === "") return "dead:no";
  return /\bdead:/i.test(text) ? text : `(${text}) dead:no`;
}

/** The mailings screen: compose one (text, audience with its live count, preview, now or later) and the history. */
export function MailingsScreen({ client, onOpen }: { client: AppClient; onOpen: (id: number) => void }) {
  return (
    <div class="screen">
      <Compose client={client} onCreated={onOpen} />
      <History client={client} onOpen={onOpen} />
    </div>
  );
}

function Compose({ client, onCreated }: { client: AppClient; onCreated: (id: number) => void }) {
  const texts = t().mailings;
  const [text, setText] = useState("");
  const [segment, setSegment] = useState("");
  const [later, setLater] = useState(false);
  const [at, setAt] = useState("");
  const [count, setCount] = useState<{ value?: number; error?: unknown }>({});
  const create = useAction();

  // The audience count follows the segment as it is typed, a moment after the last key.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      client.get<UserList>(`/users${queryOf({ q: reachableSegment(segment), limit: 1 })}`).then(
        (page) => live && setCount({ value: page.total }),
        (error: unknown) => live && setCount({ error }),
      );
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, segment]);

  const submit = (event: Event) => {
    event.preventDefault();
    void create.run(async () => {
      const mailing = await client.post<Mailing>("/mailings", {
        text,
        audience: { segment: segment.trim() },
        ...(later && at !== "" && { schedule_at: new Date(at).toISOString() }),
      });
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
        {count.error ? (
          <ErrorBox error={count.error} />
        ) : (
          <p class="hint" data-testid="audience-count">
            {count.value === undefined ? t().loading : texts.audienceCount(count.value)}
          </p>
        )}
        {text.trim() !== "" && (
          <div class="preview">
            <small class="hint">{texts.preview}</small>
            <div class="bubble">{text}</div>
          </div>
        )}
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
