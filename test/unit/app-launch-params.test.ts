import { describe, expect, it } from "vitest";
import { launchParamsOf, versionAtLeast } from "../../app/launch-params.js";

describe("the Mini App's launch parameters", () => {
  it("when Telegram passes initData and a theme in the fragment, then both are read", () => {
    const initData = "query_id=AAH&user=%7B%22id%22%3A1%7D&auth_date=1700000000&hash=abc";
    const theme = { bg_color: "#17212b", text_color: "#f5f5f5", button_color: "#5288c1" };
    const fragment = `#${new URLSearchParams({
      tgWebAppData: initData,
      tgWebAppVersion: "8.0",
      tgWebAppPlatform: "android",
      tgWebAppThemeParams: JSON.stringify(theme),
    })}`;
    expect(launchParamsOf(fragment)).toEqual({
      initData,
      themeParams: theme,
      version: "8.0",
      platform: "android",
    });
  });

  it("when the theme carries something other than colours, then only the colours are kept", () => {
    const fragment = `#tgWebAppData=x%3D1&tgWebAppThemeParams=${encodeURIComponent(
      JSON.stringify({ bg_color: "#fff", text_color: "red;}body{display:none", link_color: 7 }),
    )}`;
    expect(launchParamsOf(fragment)?.themeParams).toEqual({ bg_color: "#fff" });
  });

  it("when the fragment has no initData (opened outside Telegram), then there are no launch parameters", () => {
    expect(launchParamsOf("")).toBeUndefined();
    expect(launchParamsOf("#tgWebAppThemeParams=%7B%7D")).toBeUndefined();
  });

  it("when versions are compared, then each part counts as a number", () => {
    expect(versionAtLeast("8.0", "8.0")).toBe(true);
    expect(versionAtLeast("9.1", "8.0")).toBe(true);
    expect(versionAtLeast("7.10", "8.0")).toBe(false);
    expect(versionAtLeast("10", "8.0")).toBe(true);
    expect(versionAtLeast(undefined, "8.0")).toBe(false);
    expect(versionAtLeast("beta", "8.0")).toBe(false);
  });
});
