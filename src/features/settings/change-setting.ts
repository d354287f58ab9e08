import type { ZodError } from "zod";
import type { Db } from "../../db/client.js";
import { UsherError } from "../../errors.js";
import type { Actor } from "../audit/audit-log.js";
import type { AuditLog } from "../audit/audit-repository.js";
import { checkSettingTemplates } from "./setting-templates.js";
import {
  type SettingInput,
  type SettingKey,
  type Settings,
  type SettingsPatch,
  settingKeys,
  settingsSchemas,
} from "./settings.js";
import type { SettingsRepository } from "./settings-repository.js";
import { checkSettingsRules, withImpliedChanges } from "./settings-rules.js";

interface SettingsDeps {
  db: Db;
  settings: SettingsRepository;
  audit: AuditLog;
}

/** A field of a setting that its schema refuses; nothing was stored. */
export class InvalidSettingError extends UsherError {
  static readonly codes = ["invalid_request"] as const;

  constructor(
    readonly key: SettingKey,
    problems: ZodError,
  ) {
    const fields = problems.issues.map((issue) => ({
      field: [key, ...issue.path.map(String)].join("."),
      message: issue.message,
    }));
    super(
      "invalid",
      "invalid_request" satisfies (typeof InvalidSettingError.codes)[number],
      `Invalid request: ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}`,
      fields,
    );
  }
}

/**
 * Changes some fields of some settings at once, all or nothing: the changes a patch implies are
 * added, every value is validated and the rules between settings are checked on the result first, then each change is stored and audited
 * in one transaction. Throws InvalidSettingError, SettingsConflictError, UnknownTemplateFieldError or TopicTextFieldError, changing nothing.
 */
export function changeSettings(deps: SettingsDeps, actor: Actor, requested: SettingsPatch): Settings {
  const patch = withImpliedChanges(deps.settings.all(), requested);
  const keys = settingKeys.filter((key) => patch[key] !== undefined);
  const after = deps.settings.all() as Record<SettingKey, unknown>;
  for (const key of keys) {
    const merged = settingsSchemas[key].safeParse({ ...deps.settings.get(key), ...patch[key] });
    if (!merged.success) throw new InvalidSettingError(key, merged.error);
    after[key] = merged.data;
  }
  checkSettingsRules(after as Settings, patch);
  checkSettingTemplates(patch);
  deps.db.transaction(() => {
    for (const key of keys) store(deps, actor, key, patch[key] as Partial<SettingInput<typeof key>>);
  });
  return deps.settings.all();
}

/** Changes some fields of one setting; see `changeSettings`. */
export function changeSetting<K extends SettingKey>(
  deps: SettingsDeps,
  actor: Actor,
  { key, patch }: { key: K; patch: Partial<SettingInput<K>> },
): Settings[K] {
  return changeSettings(deps, actor, { [key]: patch } as SettingsPatch)[key];
}

function store<K extends SettingKey>(
  deps: SettingsDeps,
  actor: Actor,
  key: K,
  patch: Partial<SettingInput<K>>,
): void {
  const { before, after } = deps.settings.update(key, patch);
  const changedFields = Object.keys(patch) as Array<keyof Settings[K]>;
  const pick = (value: Settings[K]) => Object.fromEntries(changedFields.map((f) => [f, value[f]]));
  if (JSON.stringify(pick(before)) !== JSON.stringify(pick(after))) {
    deps.audit.record({ actor, action: `settings.${key}`, before: pick(before), after: pick(after) });
  }
}
