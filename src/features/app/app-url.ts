/**
 * Where the admin Mini App opens under PUBLIC_URL, or nothing: Telegram opens web apps over HTTPS
 * only, so with an http:// (or no) PUBLIC_URL the bot offers no app button.
 */
export function miniAppUrl(publicUrl: string | undefined): string | undefined {
  return publicUrl?.startsWith("https://") ? `${publicUrl}/app/` : undefined;
}
