import type { Actor, AuditLog } from "../audit/audit-log.js";
import type { SettingInput, SettingKey, Settings } from "./settings.js";
import type { SettingsRepository } from "./settings-repository.js";

/** Changes some fields of a setting and writes the audit entry; throws (changing nothing) if invalid. */
export function changeSetting<K extends SettingKey>(
  deps: { settings: SettingsRepository; audit: AuditLog },
  actor: Actor,
  key: K,
  patch: Partial<SettingInput<K>>,
): Settings[K] {
  const { before, after } = deps.settings.update(key, patch);
  const changedFields = Object.keys(patch) as Array<keyof Settings[K]>;
  const pick = (value: Settings[K]) => Object.fromEntries(changedFields.map((f) => [f, value[f]]));
  if (JSON.stringify(pick(before)) !== JSON.stringify(pick(after))) {
    deps.audit.record({ actor, action: `settings.${key}`, before: pick(before), after: pick(after) });
  }
  return after;
}
