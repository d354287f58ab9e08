import type { AppClient } from "../api-client.js";
import type { Stats } from "../api-types.js";
import { BarChart } from "../components/charts.js";
import { ErrorBox, Section, useLoad } from "../components/common.js";
import { ServerCharts } from "../components/server-charts.js";
import { t } from "../texts/index.js";

/** The figures of the bot's Statistics page (GET /stats) and its charts, drawn as the bot draws them, interactive. */
export function StatisticsScreen({ client }: { client: AppClient }) {
  const texts = t().stats;
  const stats = useLoad(() => client.get<Stats>("/stats"), [client]);
  const s = stats.value;
  if (!s) return stats.error ? <ErrorBox error={stats.error} /> : <p class="hint">{t().loading}</p>;
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
        <p data-testid="new-users">
          {[
            `${texts.today}: ${s.new_users.today}`,
            `${texts.week}: ${s.new_users.last_7_days}`,
            `${texts.month}: ${s.new_users.last_30_days}`,
          ].join(" · ")}
        </p>
      </Section>
      <Section title={texts.charts}>
        <ServerCharts client={client} path="/stats/charts" label={texts.charts} />
      </Section>
      <Section title={texts.referrers}>
        {s.top_referrers.length === 0 ? (
          <p class="hint">{texts.nothing}</p>
        ) : (
          <BarChart
            title={texts.referrers}
            items={s.top_referrers.map((r) => ({
              label: r.display_name,
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
