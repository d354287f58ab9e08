import type { Api, RawApi } from "grammy";

/** How files are downloaded from the Bot API's file server (the global fetch; tests pass the fake's). */
export type FileFetch = (url: string) => Promise<Response>;

/** A downloaded file on its way to a client: its bytes as they arrive, its type and its size when known. */
export interface TelegramFileStream {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  size?: number;
}

/** The Telegram file server could not hand over a file getFile just named (down, or the path expired). */
export class FileDownloadFailed extends Error {
  override name = "FileDownloadFailed";

  constructor(readonly status: number) {
    super(`the Bot API file server answered ${status}`);
  }
}

const imageTypes: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

/**
 * Opens a file the bot can see by its file_id: getFile, then a download from
 * `<apiRoot>/file/bot<token>/<file_path>` on the server, so the token never leaves it. The type comes
 * from the path's extension (profile photos are JPEG), else from the file server. Throws the Bot
 * API's error, or FileDownloadFailed.
 */
export async function openTelegramFile(
  api: Api<RawApi>,
  fetch: FileFetch,
  fileId: string,
): Promise<TelegramFileStream> {
  const file = await api.getFile(fileId);
  if (file.file_path === undefined) throw new FileDownloadFailed(404);
  const root = api.options?.apiRoot ?? "https://api.telegram.org";
  const path = file.file_path.split("/").map(encodeURIComponent).join("/");
  const response = await fetch(`${root}/file/bot${api.token}/${path}`);
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new FileDownloadFailed(response.status);
  }
  const extension = /\.([a-z0-9]+)$/i.exec(file.file_path)?.[1]?.toLowerCase() ?? "";
  const length = Number(response.headers.get("content-length") ?? file.file_size ?? Number.NaN);
  return {
    body: response.body,
    contentType: imageTypes[extension] ?? response.headers.get("content-type") ?? "application/octet-stream",
    ...(Number.isSafeInteger(length) && { size: length }),
  };
}
