import type { ColumnShape, ForeignKeyShape, TableShape } from "./schema-shape.js";

// Integers holding a Telegram user or chat id are bigint on PostgreSQL; the fix a message names guesses by name.
const telegramIdName = /(^|_)(user|chat|admin|actor|author|referrer)_id$|^(created|added)_by$|^id$/;

/** Where each table is declared, so a message names the file to edit. */
export interface SchemaFiles {
  sqlite: Map<string, string>;
  pg: Map<string, string>;
}

function foreignKeyOf(column: ColumnShape, keys: ForeignKeyShape[]) {
  return keys.find((key) => key.columns.length === 1 && key.columns[0] === column.name);
}

/** The pg-core declaration that mirrors a SQLite column (helpers from src/db/pg-schema/columns.ts). */
export function pgDeclaration(column: ColumnShape, table: TableShape): string {
  const reference = foreignKeyOf(column, table.foreignKeys);
  const holdsTelegramId =
    reference?.table === "users" || (reference === undefined && telegramIdName.test(column.name));
  const base: Record<string, string> = {
    integer: column.numbered
      ? `serialId("${column.name}")`
      : holdsTelegramId
        ? `telegramId("${column.name}")`
        : `integer("${column.name}")`,
    timestamp: `timestampMs("${column.name}")`,
    boolean: `boolean("${column.name}")`,
    text: column.enumValues
      ? `text("${column.name}", { enum: /* the SQLite side's constant */ ${column.enumValues} })`
      : `text("${column.name}")`,
    json: `jsonb("${column.name}")/* .$type<…>() as on the SQLite side */`,
    real: `doublePrecision("${column.name}")`,
    blob: `bytea("${column.name}")`,
  };
  let code = base[column.kind] ?? `/* ${column.kind}: no mapping yet */`;
  if (column.primary && !column.numbered) code += ".primaryKey()";
  if (column.notNull && !column.primary) code += ".notNull()";
  if (column.default !== undefined) code += `.default(${column.default})`;
  if (column.unique) code += ".unique()";
  if (reference) {
    code += `.references(() => ${reference.tableExport}.${reference.targetKeys[0]}, { onDelete: "${reference.onDelete}" })`;
  }
  return `${column.key}: ${code},`;
}

/** A table's primary key over several columns as a pg-core declaration, if it has one. */
function compositeKey(table: TableShape): string | undefined {
  if (table.columns.some((column) => column.primary) || table.primaryKey.length === 0) return undefined;
  const keyOf = (name: string) => table.columns.find((column) => column.name === name)?.key ?? name;
  return `primaryKey({ columns: [${table.primaryKey.map((name) => `t.${keyOf(name)}`).join(", ")}] })`;
}

function describeKey(key: ForeignKeyShape): string {
  return `(${key.columns.join(", ")}) → ${key.table}(${key.targetKeys.join(", ")}) on delete ${key.onDelete} on update ${key.onUpdate}`;
}

const regenerate = "then `npm run db:generate:pg -- --name <the SQLite migration's name>`";

function columnDrifts(sqlite: TableShape, pg: TableShape, pgFile: string, sqliteFile: string): string[] {
  const drifts: string[] = [];
  for (const column of sqlite.columns) {
    const mirror = pg.columns.find((other) => other.name === column.name);
    const fix = pgDeclaration(column, sqlite);
    if (!mirror) {
      drifts.push(
        `${sqlite.name}.${column.name}: missing on PostgreSQL; add to ${pgFile} (pgTable "${sqlite.name}"): ${fix} ${regenerate}`,
      );
      continue;
    }
    const fields = [
      "key",
      "kind",
      "notNull",
      "primary",
      "unique",
      "numbered",
      "default",
      "enumValues",
    ] as const;
    for (const field of fields) {
      if (column[field] !== mirror[field]) {
        drifts.push(
          `${sqlite.name}.${column.name}: ${field} is ${column[field]} on SQLite but ${mirror[field]} on PostgreSQL; in ${pgFile} declare it as ${fix} ${regenerate}`,
        );
      }
    }
  }
  for (const column of pg.columns.filter((c) => !sqlite.columns.some((other) => other.name === c.name))) {
    drifts.push(
      `${pg.name}.${column.name}: only on PostgreSQL; remove it from ${pgFile} or add it to ${sqliteFile}`,
    );
  }
  return drifts;
}

function keyDrifts(sqlite: TableShape, pg: TableShape, pgFile: string): string[] {
  const drifts: string[] = [];
  const primary = (shape: TableShape) => shape.primaryKey.join(", ");
  if (primary(sqlite) !== primary(pg)) {
    drifts.push(
      `${sqlite.name}: primary key (${primary(sqlite)}) on SQLite but (${primary(pg)}) on PostgreSQL; in ${pgFile} make it ${compositeKey(sqlite) ?? `.primaryKey() on ${primary(sqlite)}`} ${regenerate}`,
    );
  }
  for (const index of sqlite.indexes) {
    const mirror = pg.indexes.find((other) => other.name === index.name);
    const same =
      mirror &&
      mirror.unique === index.unique &&
      mirror.where === index.where &&
      mirror.on.join() === index.on.join();
    if (!same) {
      drifts.push(
        `${sqlite.name}: index ${index.name} ${mirror ? "differs" : "missing"} on PostgreSQL; in ${pgFile} the table's extra config needs ${index.declaration} ${regenerate}`,
      );
    }
  }
  for (const index of pg.indexes.filter((i) => !sqlite.indexes.some((other) => other.name === i.name))) {
    drifts.push(`${pg.name}: index ${index.name} only on PostgreSQL; remove it from ${pgFile}`);
  }
  const sqliteKeys = sqlite.foreignKeys.map(describeKey);
  const pgKeys = pg.foreignKeys.map(describeKey);
  for (const key of sqliteKeys.filter((k) => !pgKeys.includes(k))) {
    drifts.push(
      `${sqlite.name}: foreign key ${key} missing on PostgreSQL; in ${pgFile} add the same .references(…) ${regenerate}`,
    );
  }
  for (const key of pgKeys.filter((k) => !sqliteKeys.includes(k))) {
    drifts.push(`${pg.name}: foreign key ${key} only on PostgreSQL; remove it from ${pgFile}`);
  }
  const uniques = (shape: TableShape) => shape.uniqueConstraints.map((columns) => columns.join(", ")).sort();
  if (uniques(sqlite).join("; ") !== uniques(pg).join("; ")) {
    drifts.push(
      `${sqlite.name}: unique constraints [${uniques(sqlite).join("; ")}] on SQLite but [${uniques(pg).join("; ")}] on PostgreSQL`,
    );
  }
  return drifts;
}

/** What differs between a SQLite table and its PostgreSQL mirror, each drift a sentence saying what to change. */
export function tableDrifts(
  sqlite: TableShape | undefined,
  pg: TableShape | undefined,
  files: SchemaFiles,
): string[] {
  if (!sqlite && pg) {
    return [
      `table ${pg.name}: only on PostgreSQL (${files.pg.get(pg.name)}); remove it or add it to src/db/schema/`,
    ];
  }
  if (!sqlite) return [];
  const sqliteFile = files.sqlite.get(sqlite.name) ?? "src/db/schema/?";
  const pgFile = files.pg.get(sqlite.name) ?? sqliteFile.replace("src/db/schema/", "src/db/pg-schema/");
  if (!pg) {
    const body = sqlite.columns.map((column) => `  ${pgDeclaration(column, sqlite)}`).join("\n");
    const composite = compositeKey(sqlite);
    const extras = [...(composite ? [composite] : []), ...sqlite.indexes.map((index) => index.declaration)];
    return [
      `table ${sqlite.name}: missing on PostgreSQL; add to ${pgFile} (and export it from src/db/pg-schema/index.ts):\n` +
        `export const ${sqlite.exportName} = pgTable("${sqlite.name}", {\n${body}\n}${extras.length ? `, (t) => [${extras.join(", ")}]` : ""});\n` +
        regenerate,
    ];
  }
  return [...columnDrifts(sqlite, pg, pgFile, sqliteFile), ...keyDrifts(sqlite, pg, pgFile)];
}

/** Foreign keys whose column type differs from their target's on PostgreSQL (an integer user id, say). */
export function foreignKeyTypeDrifts(pg: Map<string, TableShape>): string[] {
  const drifts: string[] = [];
  for (const table of pg.values()) {
    for (const key of table.foreignKeys) {
      key.columns.forEach((name, i) => {
        const column = table.columns.find((c) => c.name === name);
        const target = pg.get(key.table)?.columns.find((c) => c.key === key.targetKeys[i]);
        if (column && target && column.sqlType !== target.sqlType) {
          drifts.push(
            `${table.name}.${name} is ${column.sqlType} but references ${key.table}.${target.name} (${target.sqlType}): declare it with the same helper as the target`,
          );
        }
      });
    }
  }
  return drifts;
}
