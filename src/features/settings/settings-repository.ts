import { eq } from "drizzle-orm";
import { dataVersionOf } from "../../db/cached-read.js";
import type { Db } from "../../db/client.js";
import { settings } from "../../db/schema/index.js";
import {
  parseSetting,
  type SettingInput,
  type SettingKey,
  type Settings,
  settingsSchemas,
} from "./settings.js";

/**
 * Reads and writes typed settings. Reads are kept in memory until a write here, or another
 * process's commit (SQLite's data_version), changes the database.
 */
export class SettingsRepository {
  private readonly cache = new Map<SettingKey, unknown>();
  private readonly dataVersion: () => number;
  private cachedAtVersion: number;

  constructor(private readonly db: Db) {
    this.dataVersion = dataVersionOf(db);
    this.cachedAtVersion = this.dataVersion();
  }

  get<K extends SettingKey>(key: K): Settings[K] {
    const version = this.dataVersion();
    if (version !== this.cachedAtVersion) {
      this.cache.clear();
      this.cachedAtVersion = version;
    }
    if (!this.cache.has(key)) {
      const row = this.db.select().from(settings).where(eq(settings.key, key)).get();
      this.cache.set(key, parseSetting(key, row?.value));
    }
    return this.cache.get(key) as Settings[K];
  }

  /** Validates a whole new value (fields left out take defaults) and stores it; returns old and new. */
  set<K extends SettingKey>(key: K, value: SettingInput<K>): { before: Settings[K]; after: Settings[K] } {
    const before = this.get(key);
    const after = settingsSchemas[key].parse(value) as Settings[K];
    this.db
      .insert(settings)
      .values({ key, value: after })
      .onConflictDoUpdate({ target: settings.key, set: { value: after } })
      .run();
    this.cache.set(key, after);
    return { before, after };
  }

  /** Changes some fields of a setting, keeping the rest. */
  update<K extends SettingKey>(
    key: K,
    patch: Partial<SettingInput<K>>,
  ): { before: Settings[K]; after: Settings[K] } {
    return this.set(key, { ...(this.get(key) as object), ...patch } as SettingInput<K>);
  }

  all(): Settings {
    return Object.fromEntries(
      Object.keys(settingsSchemas).map((k) => [k, this.get(k as SettingKey)]),
    ) as Settings;
  }
}
