import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  formatInZone,
  parseLocalDateTime,
  parseScheduleTime,
} from "../../src/features/mailing/schedule.js";

const now = new Date("2026-06-01T12:00:00Z");

describe("schedule times in the bot's time zone", () => {
  it("when a time is typed in Europe/Berlin (summer), then it means two hours earlier in UTC", () => {
    expect(parseScheduleTime("2026-06-01 15:00", "Europe/Berlin", now)).toEqual({
      ok: true,
      at: new Date("2026-06-01T13:00:00Z"),
    });
    expect(parseScheduleTime("2026-12-24 18:30", "America/New_York", now)).toEqual({
      ok: true,
      at: new Date("2026-12-24T23:30:00Z"),
    });
  });

  it("when the hour has one digit or a T separates date and time, then it is still understood", () => {
    expect(parseScheduleTime("2026-06-02 9:05", "UTC", now)).toEqual({
      ok: true,
      at: new Date("2026-06-02T09:05:00Z"),
    });
    expect(parseScheduleTime("2026-06-02T09:05", "UTC", now).ok).toBe(true);
  });

  it("when the time has passed (or is now), then it is refused as past", () => {
    expect(parseScheduleTime("2026-06-01 13:59", "Europe/Berlin", now)).toEqual({
      ok: false,
      problem: "past",
    });
    expect(parseScheduleTime("2026-06-01 12:00", "UTC", now)).toEqual({ ok: false, problem: "past" });
    expect(parseScheduleTime("2026-06-01 12:01", "UTC", now).ok).toBe(true);
  });

  it("when the input is malformed or the date impossible, then it is refused with the reason", () => {
    for (const input of [
      "tomorrow",
      "01.06.2026 10:00",
      "2026-06-01",
      "2026-06-01 10",
      "2026-6-1 10:00",
      "",
    ]) {
      expect(parseScheduleTime(input, "UTC", now), input).toEqual({ ok: false, problem: "format" });
    }
    expect(parseScheduleTime("2026-02-30 10:00", "UTC", now)).toEqual({ ok: false, problem: "invalid" });
    expect(parseScheduleTime("2026-07-01 24:00", "UTC", now)).toEqual({ ok: false, problem: "invalid" });
  });

  it("when a time falls into a daylight-saving gap, then it is refused instead of moved", () => {
    expect(parseScheduleTime("2027-03-28 02:30", "Europe/Berlin", now)).toEqual({
      ok: false,
      problem: "nonexistent",
    });
  });

  it("when the zone setting is not a time zone, then nothing is parsed", () => {
    expect(parseScheduleTime("2026-07-01 10:00", "Mars/Olympus", now)).toEqual({
      ok: false,
      problem: "zone",
    });
  });

  it("when a registration date has no time, then it means midnight in the zone", () => {
    expect(parseLocalDateTime("2026-01-31", "Europe/Berlin")).toEqual({
      ok: true,
      at: new Date("2026-01-30T23:00:00Z"),
    });
  });

  it("when a moment is shown, then it reads in the zone", () => {
    expect(formatInZone(new Date("2026-06-01T13:00:00Z"), "Europe/Berlin")).toBe("2026-06-01 15:00");
    expect(formatInZone(new Date("2026-06-01T13:00:00Z"), "not a zone")).toBe("2026-06-01 13:00");
  });

  it("when an admin types a time zone, then IANA names are accepted in canonical spelling and others refused", () => {
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone(" europe/berlin ")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("America/Argentina/Buenos_Aires")).toBe("America/Argentina/Buenos_Aires");
    for (const bad of ["Mars/Olympus", "+03:00", "", "Berlin time", "Europe/"]) {
      expect(canonicalTimeZone(bad), bad).toBeNull();
    }
  });
});
