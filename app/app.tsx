import { useEffect, useMemo, useState } from "preact/hooks";
import { createAppClient } from "./api-client.js";
import type { Admin } from "./api-types.js";
import { messageOf } from "./components/common.js";
import { fileDownloader } from "./file-download.js";
import { MailingDetail } from "./screens/mailing-detail.js";
import { MailingsScreen } from "./screens/mailings.js";
import { StatisticsScreen } from "./screens/statistics.js";
import { UserCard } from "./screens/user-card.js";
import { UsersScreen } from "./screens/users.js";
import { chooseLanguage, t } from "./texts/index.js";

/** Where the admin is: a tab, or a card opened from one. Kept in memory: the URL fragment is Telegram's. */
type View =
  | { screen: "users" }
  | { screen: "user"; id: number }
  | { screen: "mailings" }
  | { screen: "mailing"; id: number }
  | { screen: "stats" };

const tabs = ["users", "mailings", "stats"] as const;

/** The Mini App: opens a session with `initData`, then shows the tabs and the screen chosen. */
export function App({ initData, clientDownloadsFiles }: { initData: string; clientDownloadsFiles: boolean }) {
  const client = useMemo(() => createAppClient({ initData }), [initData]);
  const download = useMemo(
    () => fileDownloader(client, clientDownloadsFiles),
    [client, clientDownloadsFiles],
  );
  const [admin, setAdmin] = useState<Admin | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [history, setHistory] = useState<View[]>([{ screen: "users" }]);
  const view = history.at(-1) ?? { screen: "users" };

  useEffect(() => {
    client.session().then(
      (session) => {
        chooseLanguage(session.admin.language);
        document.documentElement.lang = session.admin.language ?? "en";
        setAdmin(session.admin);
      },
      (error: unknown) => setFailure(messageOf(error)),
    );
  }, [client]);

  if (failure) {
    return (
      <main class="screen">
        <p class="error" role="alert">
          {failure}
        </p>
      </main>
    );
  }
  if (!admin) return <p class="hint center">{t().loading}</p>;

  const open = (next: View) => setHistory((before) => [...before, next]);
  const back = () => setHistory((before) => (before.length > 1 ? before.slice(0, -1) : before));
  const tabOf = (v: View) => (v.screen === "user" ? "users" : v.screen === "mailing" ? "mailings" : v.screen);

  return (
    <>
      <nav class="tabs">
        {tabs.map((tab) => (
          <button
            type="button"
            key={tab}
            class={tabOf(view) === tab ? "tab active" : "tab"}
            aria-current={tabOf(view) === tab ? "page" : undefined}
            onClick={() => setHistory([{ screen: tab }])}
          >
            {t().tabs[tab]}
          </button>
        ))}
      </nav>
      <main>
        {(view.screen === "user" || view.screen === "mailing") && (
          <button type="button" class="link back" onClick={back}>
            {t().back}
          </button>
        )}
        {view.screen === "users" && (
          <UsersScreen client={client} download={download} onOpen={(id) => open({ screen: "user", id })} />
        )}
        {view.screen === "user" && (
          <UserCard client={client} download={download} id={view.id} onGone={back} />
        )}
        {view.screen === "mailings" && (
          <MailingsScreen client={client} onOpen={(id) => open({ screen: "mailing", id })} />
        )}
        {view.screen === "mailing" && <MailingDetail client={client} id={view.id} adminId={admin.id} />}
        {view.screen === "stats" && <StatisticsScreen client={client} />}
      </main>
    </>
  );
}
