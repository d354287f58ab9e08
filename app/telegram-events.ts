/** Sends events to the Telegram client around the app, as Telegram's own script does (without it). */
import { type LaunchParams, versionAtLeast } from "./launch-params.js";

/** Where Telegram's clients take events from a Mini App. */
interface TelegramEventSinks {
  TelegramWebviewProxy?: { postEvent?: (eventType: string, eventData: string) => void };
  external?: { notify?: (message: string) => void };
}

/** The web client's origin: only its frame may read what the app posts to its parent. */
const webClientOrigin = "https://web.telegram.org";

/** Whether a Telegram client is there to take events: a native app's proxy, the desktop's notify, or a frame. */
function clientListens(): boolean {
  const sinks = globalThis as unknown as TelegramEventSinks;
  return (
    typeof sinks.TelegramWebviewProxy?.postEvent === "function" ||
    typeof sinks.external?.notify === "function" ||
    window.parent !== window
  );
}

/**
 * Posts `eventType` with `eventData` to the client: the native apps' `TelegramWebviewProxy`, the
 * desktop's `external.notify`, or the web client's frame (nothing happens without a client).
 */
export function postEvent(eventType: string, eventData: unknown): void {
  const sinks = globalThis as unknown as TelegramEventSinks;
  const message = JSON.stringify({ eventType, eventData });
  if (typeof sinks.TelegramWebviewProxy?.postEvent === "function")
    sinks.TelegramWebviewProxy.postEvent(eventType, JSON.stringify(eventData));
  else if (typeof sinks.external?.notify === "function") sinks.external.notify(message);
  else if (window.parent !== window) window.parent.postMessage(message, webClientOrigin);
}

/** Whether a Telegram client is there to download files itself (`web_app_request_file_download`, Bot API 8.0). */
export function clientDownloadsFiles(launch: LaunchParams): boolean {
  const inTelegram = launch.platform !== undefined && launch.platform !== "unknown";
  return inTelegram && versionAtLeast(launch.version, "8.0") && clientListens();
}
