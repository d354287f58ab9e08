import { useEffect, useState } from "preact/hooks";
import { type AppClient, queryOf } from "../api-client.js";
import type { BulkResult, UserList, UserSort, UserSummary } from "../api-types.js";
import { ErrorBox, formatTime, useAction } from "../components/common.js";
import type { DownloadFile } from "../file-download.js";
import { t } from "../texts/index.js";

const pageSize = 50;
/** A segment holds at most 256 conditions: a selection is sent as `id:1 | id:2 | …`. */
const maxSelected = 256;

/** The columns the server sorts by; ties and blanks (last either way) it orders by id. */
type Column = Extract<UserSort, "name" | "username" | "language" | "status" | "last_seen_at">;
type Sort = { column: Column; descending: boolean } | undefined;

/** The segment of the selected users: one id condition each. */
const segmentOfIds = (ids: Iterable<number>) => [...ids].map((id) => `id:${id}`).join(" | ");

/** The users table: a segment filter, sortable columns, keyset paging, bulk tag/attribute changes, CSV export. */
export function UsersScreen({
  client,
  download,
  onOpen,
}: {
  client: AppClient;
  download: DownloadFile;
  onOpen: (id: number) => void;
}) {
  const texts = t().users;
  const [draft, setDraft] = useState("");
  const [segment, setSegment] = useState("");
  const [rows, setRows] = useState<UserSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [sort, setSort] = useState<Sort>(undefined);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState("");
  const loading = useAction();
  const bulk = useAction();

  // A cursor continues the order it was made in: every page is asked with the same sort.
  const loadPage = (q: string, after: string | null) =>
    loading.run(async () => {
      const order = sort && { sort: sort.column, order: sort.descending ? "desc" : "asc" };
      const page = await client.get<UserList>(
        `/users${queryOf({ q, ...order, limit: pageSize, cursor: after })}`,
      );
      setRows((before) => (after === null ? page.users : [...before, ...page.users]));
      setCursor(page.next_cursor);
      setTotal(page.total);
    });

  useEffect(() => setSelected(new Set()), [segment]);
  // Another order starts the keyset over: the first page again, and "load more" continues that order.
  useEffect(() => {
    void loadPage(segment, null);
  }, [segment, sort]);

  const apply = (event: Event) => {
    event.preventDefault();
    setNotice("");
    if (draft.trim() === segment) void loadPage(segment, null);
    else setSegment(draft.trim());
  };

  const toggleSort = (column: Column) =>
    setSort((now) =>
      now?.column === column
        ? now.descending
          ? undefined
          : { column, descending: true }
        : { column, descending: false },
    );

  const toggle = (id: number) =>
    setSelected((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else if (next.size < maxSelected) next.add(id);
      return next;
    });

  const changeSelected = (body: unknown) =>
    bulk.run(async () => {
      const result = await client.post<BulkResult>(
        `/users/bulk${queryOf({ q: segmentOfIds(selected) })}`,
        body,
      );
      const changed = Math.max(
        0,
        ...Object.values({ ...result.tags.add, ...result.tags.remove, ...result.attributes.set }),
      );
      setNotice(texts.bulkDone(changed));
      await loadPage(segment, null);
    });

  const exportCsv = () =>
    bulk.run(async () => {
      await download({ kind: "users_csv", segment });
    });

  const header = (column: Column, label: string) => (
    <th aria-sort={sort?.column === column ? (sort.descending ? "descending" : "ascending") : "none"}>
      <button type="button" class="link" disabled={loading.busy} onClick={() => toggleSort(column)}>
        {label}
        {sort?.column === column ? (sort.descending ? " ▼" : " ▲") : ""}
      </button>
    </th>
  );

  return (
    <div class="screen">
      <form class="filter" onSubmit={apply}>
        <label for="segment">{texts.filter}</label>
        <div class="row">
          <input
            id="segment"
            type="search"
            value={draft}
            placeholder={texts.filterHint}
            autocomplete="off"
            spellcheck={false}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit" disabled={loading.busy}>
            {texts.apply}
          </button>
        </div>
      </form>
      <ErrorBox error={loading.error} />
      <div class="toolbar">
        <span class="hint" data-testid="total">
          {total === undefined ? t().loading : `${texts.total(total)} · ${texts.shown(rows.length)}`}
        </span>
        <button type="button" class="secondary" onClick={exportCsv} disabled={bulk.busy}>
          {texts.exportCsv}
        </button>
      </div>
      {selected.size > 0 && (
        <BulkBar
          count={selected.size}
          busy={bulk.busy}
          onChange={changeSelected}
          onClear={() => setSelected(new Set())}
        />
      )}
      <ErrorBox error={bulk.error} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <div class="table-wrap">
        <table class="users">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label={texts.selectAll}
                  checked={rows.length > 0 && rows.every((user) => selected.has(user.id))}
                  onChange={(event) =>
                    setSelected(
                      event.currentTarget.checked
                        ? new Set(rows.slice(0, maxSelected).map((user) => user.id))
                        : new Set(),
                    )
                  }
                />
              </th>
              {header("name", texts.columns.name)}
              {header("username", texts.columns.username)}
              {header("language", texts.columns.language)}
              {header("status", texts.columns.status)}
              {header("last_seen_at", texts.columns.seen)}
            </tr>
          </thead>
          <tbody>
            {rows.map((user) => (
              <tr key={user.id} data-user-id={user.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={user.display_name}
                    checked={selected.has(user.id)}
                    onChange={() => toggle(user.id)}
                  />
                </td>
                <td>
                  <button type="button" class="link" onClick={() => onOpen(user.id)}>
                    {user.display_name}
                  </button>
                  {/* Tags under the name: at phone width the columns to the right scroll out of view. */}
                  <div class="tags">
                    {user.tags.map((tag) => (
                      <span class="tag" key={tag}>
                        {tag}
                      </span>
                    ))}
                  </div>
                </td>
                <td>{user.username ? `@${user.username}` : ""}</td>
                <td>{user.chosen_language ?? user.language ?? ""}</td>
                <td>{user.dead ? texts.dead : t().stats.status[user.status]}</td>
                <td>{formatTime(user.last_seen_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading.busy && rows.length === 0 && total !== undefined && <p class="hint">{texts.empty}</p>}
      <p class="hint">{texts.sortNote}</p>
      {cursor !== null && (
        <button
          type="button"
          class="secondary wide"
          disabled={loading.busy}
          onClick={() => loadPage(segment, cursor)}
        >
          {texts.loadMore}
        </button>
      )}
    </div>
  );
}

/** The actions on the selected rows: add or remove a tag, set an attribute. */
function BulkBar(props: {
  count: number;
  busy: boolean;
  onChange: (body: unknown) => void;
  onClear: () => void;
}) {
  const texts = t().users;
  const [tag, setTag] = useState("");
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  return (
    <section class="bulk" aria-label={texts.selected(props.count)}>
      <div class="row">
        <strong>{texts.selected(props.count)}</strong>
        <button type="button" class="link" onClick={props.onClear}>
          {t().cancel}
        </button>
      </div>
      <div class="row">
        <input
          aria-label={texts.bulkTag}
          placeholder={texts.bulkTag}
          value={tag}
          onInput={(event) => setTag(event.currentTarget.value)}
        />
        <button
          type="button"
          disabled={props.busy || tag.trim() === ""}
          onClick={() => props.onChange({ tags: { add: [tag.trim()] } })}
        >
          {texts.addTag}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={props.busy || tag.trim() === ""}
          onClick={() => props.onChange({ tags: { remove: [tag.trim()] } })}
        >
          {texts.removeTag}
        </button>
      </div>
      <div class="row">
        <input
          aria-label={texts.attrKey}
          placeholder={texts.attrKey}
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
        />
        <input
          aria-label={texts.attrValue}
          placeholder={texts.attrValue}
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <button
          type="button"
          disabled={props.busy || key.trim() === ""}
          onClick={() => props.onChange({ attributes: { set: { [key.trim()]: value } } })}
        >
          {texts.setAttr}
        </button>
      </div>
    </section>
  );
}
