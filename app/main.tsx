import { render } from "preact";
import { App } from "./app.js";
import { applyTheme, followThemeChanges, readLaunchParams } from "./launch.js";
import { clientDownloadsFiles, postEvent } from "./telegram-events.js";
import { t } from "./texts/index.js";
import "./styles.css";

const root = document.getElementById("root") as HTMLElement;
const launch = readLaunchParams();
if (launch) {
  applyTheme(launch.themeParams);
  followThemeChanges((theme) => applyTheme(theme));
  render(<App initData={launch.initData} clientDownloadsFiles={clientDownloadsFiles(launch)} />, root);
  // Drawn: the client may drop its loading placeholder now, and give a table of users the full height.
  postEvent("web_app_ready", undefined);
  postEvent("web_app_expand", undefined);
} else {
  render(
    <p class="error center" role="alert">
      {t().noLaunchData}
    </p>,
    root,
  );
}
