/** Telegram's launch parameters as its clients put them in the URL fragment (no DOM needed: unit-tested). */

/** Telegram's theme colours, as `tgWebAppThemeParams` names them. */
export type ThemeParams = Partial<Record<(typeof themeKeys)[number], string>>;

/** The launch parameters the app uses. */
export interface LaunchParams {
  initData: string;
  themeParams: ThemeParams;
  /** The Bot API version the client supports (`tgWebAppVersion`, e.g. "8.0"), when it says. */
  version?: string;
  /** The client (`tgWebAppPlatform`: "android", "ios", "tdesktop", "weba", …), when it says. */
  platform?: string;
}

/** The theme colours the app's CSS reads (as `--tg-<key>`, underscores turned to dashes). */
export const themeKeys = [
  "bg_color",
  "text_color",
  "hint_color",
  "link_color",
  "button_color",
  "button_text_color",
  "secondary_bg_color",
] as const;

/** The theme colours of Telegram's `theme_params` object: known keys with `#rgb`-style values only. */
export function themeOf(value: unknown): ThemeParams {
  if (typeof value !== "object" || value === null) return {};
  const theme: ThemeParams = {};
  for (const key of themeKeys) {
    const colour = (value as Record<string, unknown>)[key];
    if (typeof colour === "string" && /^#[0-9a-f]{3,8}$/i.test(colour)) theme[key] = colour;
  }
  return theme;
}

function parseTheme(json: string | null): ThemeParams {
  if (!json) return {};
  try {
    return themeOf(JSON.parse(json));
  } catch {
    return {};
  }
}

/**
 * The launch parameters of a fragment such as `#tgWebAppData=…&tgWebAppThemeParams=…` (query
 * parameters, each value URL-encoded, as Telegram's clients pass them); undefined without initData.
 */
export function launchParamsOf(fragment: string): LaunchParams | undefined {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const initData = params.get("tgWebAppData");
  if (!initData) return undefined;
  const version = params.get("tgWebAppVersion");
  const platform = params.get("tgWebAppPlatform");
  return {
    initData,
    themeParams: parseTheme(params.get("tgWebAppThemeParams")),
    ...(version !== null && { version }),
    ...(platform !== null && { platform }),
  };
}

/** Whether `version` (e.g. "7.10") is at least `wanted` (e.g. "8.0"), compared part by part. */
export function versionAtLeast(version: string | undefined, wanted: string): boolean {
  if (version === undefined) return false;
  const have = version.split(".").map(Number);
  const want = wanted.split(".").map(Number);
  for (let i = 0; i < Math.max(have.length, want.length); i++) {
    const a = have[i] ?? 0;
    const b = want[i] ?? 0;
    if (Number.isNaN(a)) return false;
    if (a !== b) return a > b;
  }
  return true;
}
