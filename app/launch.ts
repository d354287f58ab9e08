/** Reads this launch's parameters (Telegram's script, the fragment, or the reload's copy) and applies the theme. */
import { type LaunchParams, launchParamsOf, type ThemeParams, themeKeys } from "./launch-params.js";

const storageKey = "usher.launch";

/** The subset of `window.Telegram.WebApp` the app uses when Telegram's own script happens to be present. */
interface TelegramWebApp {
  initData?: string;
  themeParams?: ThemeParams;
  ready?: () => void;
  expand?: () => void;
}

const telegramWebApp = (): TelegramWebApp | undefined =>
  (globalThis as { Telegram?: { WebApp?: TelegramWebApp } }).Telegram?.WebApp;

/**
 * This launch's parameters: Telegram's script if loaded, else the URL fragment; kept in
 * sessionStorage so a reload inside Telegram (which may drop the fragment) still has them.
 */
export function readLaunchParams(): LaunchParams | undefined {
  const webApp = telegramWebApp();
  webApp?.ready?.();
  webApp?.expand?.();
  const fromFragment = launchParamsOf(location.hash);
  const launch =
    webApp?.initData && webApp.initData !== ""
      ? { initData: webApp.initData, themeParams: webApp.themeParams ?? fromFragment?.themeParams ?? {} }
      : fromFragment;
  try {
    if (launch) sessionStorage.setItem(storageKey, JSON.stringify(launch));
    else return JSON.parse(sessionStorage.getItem(storageKey) ?? "null") ?? undefined;
  } catch {
    // Storage refused (private mode): the fragment is all there is.
  }
  return launch;
}

/** Sets Telegram's colours as CSS variables on the page (`--tg-bg-color`, …); the CSS has defaults. */
export function applyTheme(theme: ThemeParams, root: HTMLElement = document.documentElement): void {
  for (const key of themeKeys) {
    const colour = theme[key];
    if (colour) root.style.setProperty(`--tg-${key.replace(/_/g, "-")}`, colour);
  }
}
