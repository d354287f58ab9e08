/** Hands the admin a file the API serves, the way their client can take it. */
import { type AppClient, queryOf } from "./api-client.js";
import type { DownloadLink } from "./api-types.js";
import { saveFile } from "./components/common.js";
import { postEvent } from "./telegram-events.js";

/** A file the app offers: a segment's users as CSV, or one user's data (GDPR). */
export type FileRequest = { kind: "users_csv"; segment: string } | { kind: "user_export"; user_id: number };

/** Downloads one file; resolves once it is handed over (to Telegram's client or the browser). */
export type DownloadFile = (request: FileRequest) => Promise<void>;

function sessionRouteOf(request: FileRequest): { path: string; fallbackName: string } {
  if (request.kind === "user_export")
    return { path: `/users/${request.user_id}/export`, fallbackName: `user-${request.user_id}.json` };
  return { path: `/users.csv${queryOf({ q: request.segment })}`, fallbackName: "users.csv" };
}

/**
 * Telegram's clients from 8.0 get a one-minute link to fetch themselves (their webviews ignore
 * `<a download>`); a plain browser or an older client gets the file as a Blob through a link.
 */
export function fileDownloader(client: AppClient, clientDownloadsFiles: boolean): DownloadFile {
  return async (request) => {
    if (clientDownloadsFiles) {
      const link = await client.post<DownloadLink>("/downloads", request);
      postEvent("web_app_request_file_download", { url: link.url, file_name: link.file_name });
      return;
    }
    const { path, fallbackName } = sessionRouteOf(request);
    const file = await client.download(path, fallbackName);
    saveFile(file.blob, file.name);
  };
}
