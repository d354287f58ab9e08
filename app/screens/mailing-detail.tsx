import { useEffect, useState } from "preact/hooks";
import { type AppClient, queryOf } from "../api-client.js";
import type { Mailing, MailingPreview } from "../api-types.js";
import { BarChart, StackedBar } from "../components/charts.js";
import { ConfirmButton, ErrorBox, formatTime, Section, useAction } from "../components/common.js";
import { ServerCharts } from "../components/server-charts.js";
import { t } from "../texts/index.js";

const finished = new Set(["completed", "cancelled"]);
/** How often the progress is asked for: every second while it moves, seldom while it waits. */
const pollEveryMs = (status: Mailing["status"]) =>
  status === "scheduled" ? 10_000 : status === "paused" ? 3000 : 1000;

/** One mailing: its live progress (polled until it ends), pause/resume/cancel, its preview, breakdowns and, once finished, the chart of its report. */
export function MailingDetail({ client, id, adminId }: { client: AppClient; id: number; adminId: number }) {
  const texts = t().mailings;
  const [mailing, setMailing] = useState<Mailing | undefined>(undefined);
  const [preview, setPreview] = useState<MailingPreview | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const action = useAction();

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      let status: Mailing["status"] = "running";
      try {
        const now = await client.get<Mailing>(`/mailings/${id}`);
        if (!live) return;
        setMailing(now);
        setError(undefined);
        if (finished.has(now.status)) return;
        status = now.status;
      } catch (failure) {
        if (live) setError(failure);
      }
      if (live) timer = setTimeout(poll, pollEveryMs(status));
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, id]);

  useEffect(() => {
    if (mailing?.kind !== "mailing" || preview?.mailing_id === id) return;
    client
      .get<MailingPreview>(`/mailings/${id}/preview${queryOf({ as_user: adminId })}`)
      .then(setPreview, () => undefined);
  }, [client, id, adminId, mailing?.kind, preview?.mailing_id]);

  if (!mailing) return error ? <ErrorBox error={error} /> : <p class="hint">{t().loading}</p>;
  const c = mailing.counts;
  const control = (action_: "pause" | "resume" | "cancel") =>
    action.run(async () => setMailing(await client.post<Mailing>(`/mailings/${id}/${action_}`)));

  return (
    <div class="screen">
      <h1>
        #{mailing.id} {texts.kind[mailing.kind]}{" "}
        <span class={`status ${mailing.status}`} data-testid="mailing-status">
          {texts.status[mailing.status]}
        </span>
      </h1>
      <ErrorBox error={error ?? action.error} />
      <Section title={texts.progress}>
        <StackedBar
          label={texts.progress}
          parts={[
            { label: texts.counts.sent, value: c.sent, color: "var(--ok)" },
            { label: texts.counts.failed, value: c.failed, color: "var(--bad)" },
            { label: texts.counts.unknown, value: c.unknown, color: "var(--warn)" },
            { label: texts.counts.pending, value: c.pending, color: "var(--muted)" },
          ]}
        />
        <p class="hint" data-testid="mailing-counts">
          {texts.counts.total}: {c.total}
          {c.total === 0 &&
            mailing.estimated_recipients !== null &&
            ` (${texts.estimated(mailing.estimated_recipients)})`}
        </p>
        <div class="row">
          {(mailing.status === "running" || mailing.status === "queued") && (
            <button type="button" disabled={action.busy} onClick={() => control("pause")}>
              {texts.pause}
            </button>
          )}
          {mailing.status === "paused" && (
            <button type="button" disabled={action.busy} onClick={() => control("resume")}>
              {texts.resume}
            </button>
          )}
          {!finished.has(mailing.status) && (
            <ConfirmButton
              label={texts.cancelMailing}
              question={texts.confirmCancel}
              danger
              disabled={action.busy}
              onConfirm={() => void control("cancel")}
            />
          )}
        </div>
        <dl class="facts">
          <div>
            <dt>{texts.audience}</dt>
            <dd>{mailing.audience.segment || "—"}</dd>
          </div>
          <div>
            <dt>{texts.created}</dt>
            <dd>{formatTime(mailing.created_at)}</dd>
          </div>
          {mailing.scheduled_at && (
            <div>
              <dt>{texts.scheduledAt}</dt>
              <dd>{formatTime(mailing.scheduled_at)}</dd>
            </div>
          )}
          <div>
            <dt>{texts.startedAt}</dt>
            <dd>{formatTime(mailing.started_at)}</dd>
          </div>
          <div>
            <dt>{texts.finishedAt}</dt>
            <dd>{formatTime(mailing.finished_at)}</dd>
          </div>
        </dl>
      </Section>
      {mailing.kind === "mailing" && finished.has(mailing.status) && c.total > 0 && (
        <Section title={texts.deliveries}>
          <ServerCharts client={client} path={`/mailings/${id}/chart`} label={texts.deliveries} />
        </Section>
      )}
      {preview?.text && (
        <Section title={texts.previewAsYou}>
          <div class="bubble">{preview.text}</div>
        </Section>
      )}
      {mailing.errors.length > 0 && (
        <Section title={texts.errors}>
          <BarChart
            title={texts.errors}
            items={mailing.errors.map((e) => ({ label: e.error_class, value: e.count, color: "var(--bad)" }))}
          />
        </Section>
      )}
      {mailing.languages.length > 0 && (
        <Section title={texts.languages}>
          <BarChart
            title={texts.languages}
            items={mailing.languages.map((l) => ({ label: l.language ?? "?", value: l.sent }))}
          />
        </Section>
      )}
    </div>
  );
}
