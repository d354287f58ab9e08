/** Reads this launch's parameters (Telegram's script, the fragment, or the reload's copy), applies the theme and follows its changes. */
import { type LaunchParams, launchParamsOf, type ThemeParams, themeKeys, themeOf } from "./launch-params.js";

const storageKey = "usher.launch";

/** The subset of `window.Telegram.WebApp` the app uses when Telegram's own script happens to be present. */
interface TelegramWebApp {
  initData?: string;
  themeParams?: ThemeParams;
  version?: string;
  platform?: string;
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
      ? {
          ...fromFragment,
          initData: webApp.initData,
          themeParams: webApp.themeParams ?? fromFragment?.themeParams ?? {},
          ...(webApp.version !== undefined && { version: webApp.version }),
          ...(webApp.platform !== undefined && { platform: webApp.platform }),
        }
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

type ReceiveEvent = (eventType: string, eventData: unknown) => void;

/** Where Telegram's native clients deliver events to a Mini App without Telegram's script. */
interface TelegramEventTargets {
  Telegram?: { WebView?: { receiveEvent?: ReceiveEvent } };
  TelegramGameProxy?: { receiveEvent?: ReceiveEvent };
  TelegramGameProxy_receiveEvent?: ReceiveEvent;
}

/**
 * Calls `apply` with each `theme_changed` Telegram sends while the app is open (the admin switched
 * day and night): native clients call `Telegram.WebView.receiveEvent`, the web client posts a JSON
 * message from the frame around the app.
 */
export function followThemeChanges(apply: (theme: ThemeParams) => void): void {
  const receiveEvent: ReceiveEvent = (eventType, eventData) => {
    if (eventType === "theme_changed")
      apply(themeOf((eventData as { theme_params?: unknown } | null)?.theme_params));
  };
  const targets = globalThis as TelegramEventTargets;
  if (targets.Telegram?.WebView?.receiveEvent) return;
  targets.Telegram = { ...targets.Telegram, WebView: { ...targets.Telegram?.WebView, receiveEvent } };
  targets.TelegramGameProxy = { receiveEvent };
  targets.TelegramGameProxy_receiveEvent = receiveEvent;
  if (window.parent === window) return;
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || typeof event.data !== "string") return;
    try {
      const message = JSON.parse(event.data) as { eventType?: unknown; eventData?: unknown };
      if (typeof message.eventType === "string") receiveEvent(message.eventType, message.eventData);
    } catch {
      // Not one of Telegram's messages.
    }
  });
}
