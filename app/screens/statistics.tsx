import type { AppClient } from "../api-client.js";
import type { Stats } from "../api-types.js";
import { BarChart } from "../components/charts.js";
import { ErrorBox, Section, useLoad } from "../components/common.js";
import { t } from "../texts/index.js";

/** The figures of the bot's Statistics page (GET /stats) as tappable bar charts. */
export function StatisticsScreen({ client }: { client: AppClient }) {
  const texts = t().stats;
  const stats = useLoad(() => client.get<Stats>("/stats"), [client]);
  const s = stats.value;
  if (!s) return stats.error ? <ErrorBox error={stats.error} /> : <p class="hint">{t().loading}</p>;
  const languageLabel = (l: Stats["languages"][number]) =>
    l.kind === "language" ? (l.code ?? "?") : l.kind === "other" ? texts.other : texts.unknown;
  return (
    <div class="screen">
      <Section title={texts.users}>
        <p class="big" data-testid="users-total">
          {s.users.total}
        </p>
        <BarChart
          title={texts.byStatus}
          items={[
            { label: texts.status.active, value: s.users.active, color: "var(--ok)" },
            { label: texts.status.pending, value: s.users.pending, color: "var(--warn)" },
            { label: texts.status.banned, value: s.users.banned, color: "var(--muted)" },
            { label: texts.status.dead, value: s.users.dead, color: "var(--bad)" },
          ]}
        />
      </Section>
      <Section title={texts.newUsers}>
        <BarChart
          title={texts.newUsers}
          items={[
            { label: texts.today, value: s.new_users.today },
            { label: texts.week, value: s.new_users.last_7_days },
            { label: texts.month, value: s.new_users.last_30_days },
          ]}
        />
      </Section>
      <Section title={texts.languages}>
        <BarChart
          title={texts.languages}
          items={s.languages.map((l) => ({ label: languageLabel(l), value: l.users }))}
        />
      </Section>
      <Section title={texts.referrers}>
        {s.top_referrers.length === 0 ? (
          <p class="hint">{texts.nothing}</p>
        ) : (
          <BarChart
            title={texts.referrers}
            items={s.top_referrers.map((r) => ({
              label: [r.first_name, r.last_name].filter(Boolean).join(" ") || (r.username ?? String(r.id)),
              value: r.referral_count,
            }))}
          />
        )}
      </Section>
      <Section title={texts.campaigns}>
        {s.top_campaigns.length === 0 ? (
          <p class="hint">{texts.nothing}</p>
        ) : (
          <BarChart
            title={texts.campaigns}
            items={s.top_campaigns.map((c) => ({ label: c.name, value: c.users }))}
          />
        )}
      </Section>
    </div>
  );
}
