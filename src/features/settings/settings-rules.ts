import { UsherError } from "../../errors.js";
import { freeRateLimit } from "../mailing/mailing.js";
import type { SettingKey, Settings, SettingsPatch } from "./settings.js";

const settingsRuleCodes = ["ref_link_only_without_links", "rate_above_free_limit"] as const;
export type SettingsRuleCode = (typeof settingsRuleCodes)[number];

/** A change refused because it would leave the settings contradicting each other; nothing was stored. */
export class SettingsConflictError extends UsherError {
  static readonly codes = settingsRuleCodes;

  constructor(code: SettingsRuleCode, message: string, fields: readonly string[]) {
    // Every field the rule reads (`setting.field`) is at fault together; the words leave naming them to each edge.
    super(
      "conflict",
      code,
      message,
      fields.map((field) => ({ field, message })),
    );
  }
}

interface SettingsRule {
  code: SettingsRuleCode;
  /** Checked only when a change sets one of these, so a stored contradiction never blocks other edits. */
  reads: ReadonlyArray<readonly [SettingKey, string]>;
  holds: (settings: Settings) => boolean;
  message: string;
}

const rules: readonly SettingsRule[] = [
  {
    code: "ref_link_only_without_links",
    reads: [
      ["refLinkOnly", "enabled"],
      ["userReferrals", "enabled"],
      ["adminReferrals", "enabled"],
    ],
    holds: (s) => !s.refLinkOnly.enabled || s.userReferrals.enabled || s.adminReferrals.enabled,
    message:
      "Access only by referral link needs user referrals or campaign links switched on: with neither, every newcomer is turned away",
  },
  {
    code: "rate_above_free_limit",
    reads: [
      ["mailing", "ratePerSecond"],
      ["mailing", "paidBroadcast"],
    ],
    holds: (s) => s.mailing.paidBroadcast || s.mailing.ratePerSecond <= freeRateLimit,
    message: `A default mailing speed above ${freeRateLimit} messages a second needs paid broadcasts switched on`,
  },
];

/**
 * The changes a patch brings along: switching paid broadcasts off lowers a default speed above the
 * free limit to it, unless the patch sets the speed itself (then the rule above judges it).
 */
export function withImpliedChanges(before: Settings, patch: SettingsPatch): SettingsPatch {
  const mailing = patch.mailing;
  if (mailing?.paidBroadcast !== false || mailing.ratePerSecond !== undefined) return patch;
  if (before.mailing.ratePerSecond <= freeRateLimit) return patch;
  return { ...patch, mailing: { ...mailing, ratePerSecond: freeRateLimit } };
}

/** Throws for the first rule that `after` (the settings as `patch` would leave them) breaks. */
export function checkSettingsRules(after: Settings, patch: SettingsPatch): void {
  for (const rule of rules) {
    const touched = rule.reads.some(([key, field]) => {
      const fields = patch[key];
      return fields !== undefined && field in fields;
    });
    if (touched && !rule.holds(after)) {
      throw new SettingsConflictError(
        rule.code,
        rule.message,
        rule.reads.map(([key, field]) => `${key}.${field}`),
      );
    }
  }
}
