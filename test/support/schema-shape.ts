import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Column, getTableColumns, is, SQL, StringChunk, type Table } from "drizzle-orm";
import { getTableConfig as getPgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";

/** A column as both dialects can state it: SQLite's declaration mapped onto PostgreSQL's kinds. */
export interface ColumnShape {
  key: string;
  name: string;
  /** integer, timestamp, boolean, text, json, real, blob (or the column type when neither maps it). */
  kind: string;
  /** The dialect's own SQL type, for checks within one dialect (a foreign key's type matching its target's). */
  sqlType: string;
  notNull: boolean;
  primary: boolean;
  unique: boolean;
  /** The numbering the database does (SQLite autoincrement, PostgreSQL identity). */
  numbered: boolean;
  default: string | undefined;
  enumValues: string | undefined;
}

/** An index by what it covers: columns or expressions rendered alike on both sides. */
export interface IndexShape {
  name: string;
  on: string[];
  unique: boolean;
  where: string | undefined;
  /** The index as a pg-core declaration inside a table's extra config, for the fix a drift message names. */
  declaration: string;
}

/** A foreign key by its columns, target and delete/update actions. */
export interface ForeignKeyShape {
  columns: string[];
  table: string;
  tableExport: string;
  targetKeys: string[];
  onDelete: string;
  onUpdate: string;
}

/** A table as the parity test compares it, with where it is declared and under which export name. */
export interface TableShape {
  name: string;
  exportName: string;
  columns: ColumnShape[];
  primaryKey: string[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
  uniqueConstraints: string[][];
}

const sqliteKinds: Record<string, string> = {
  SQLiteInteger: "integer",
  SQLiteTimestamp: "timestamp",
  SQLiteBoolean: "boolean",
  SQLiteText: "text",
  SQLiteTextJson: "json",
  SQLiteReal: "real",
  SQLiteBlobBuffer: "blob",
};

// By SQL type, so the timestamp's precision and zone and the custom bytea are held too.
const pgKinds: Record<string, string> = {
  integer: "integer",
  bigint: "integer",
  boolean: "boolean",
  text: "text",
  jsonb: "json",
  "double precision": "real",
  bytea: "blob",
};

/** An index part, a filter or a default written as text the same way for both dialects. */
export function renderSql(value: unknown, columnText = (name: string) => name): string {
  if (is(value, SQL)) return value.queryChunks.map((chunk) => renderSql(chunk, columnText)).join("");
  if (is(value, StringChunk)) return value.value.join("");
  if (value && typeof value === "object" && "name" in value) return columnText(String(value.name));
  return JSON.stringify(value);
}

function indexDeclaration(
  index: { name: string; columns: unknown[]; unique: boolean; where?: SQL },
  keyOf: (name: string) => string,
) {
  const asCode = (name: string) => `\${t.${keyOf(name)}}`;
  const parts = index.columns.map((part) =>
    is(part, SQL) ? `sql\`${renderSql(part, asCode)}\`` : `t.${keyOf(renderSql(part))}`,
  );
  const where = index.where ? `.where(sql\`${renderSql(index.where, asCode)}\`)` : "";
  return `${index.unique ? "uniqueIndex" : "index"}("${index.name}").on(${parts.join(", ")})${where}`;
}

function tableExports<T>(module: Record<string, unknown>, isTable: (value: unknown) => value is T) {
  return Object.entries(module).filter((entry): entry is [string, T] => isTable(entry[1]));
}

function keysByColumn(table: Table): Map<Column, string> {
  return new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column, key]));
}

type AnyConfig = ReturnType<typeof getSqliteTableConfig> | ReturnType<typeof getPgTableConfig>;

function shapeOf(
  exportName: string,
  table: Table,
  config: AnyConfig,
  kindOf: (column: Column) => string,
  exportOf: (table: Table) => string,
): TableShape {
  const keys = keysByColumn(table);
  const keyOf = (name: string) => [...keys].find(([column]) => column.name === name)?.[1] ?? name;
  const columns: ColumnShape[] = config.columns.map((column) => ({
    key: keys.get(column) ?? "?",
    name: column.name,
    kind: kindOf(column),
    sqlType: column.getSQLType(),
    notNull: column.notNull,
    primary: column.primary,
    unique: column.isUnique,
    numbered:
      ("autoIncrement" in column && column.autoIncrement === true) || column.generatedIdentity !== undefined,
    default: column.default === undefined ? undefined : renderSql(column.default),
    enumValues: column.enumValues ? JSON.stringify(column.enumValues) : undefined,
  }));
  return {
    name: config.name,
    exportName,
    columns,
    primaryKey: [
      ...config.columns.filter((column) => column.primary).map((column) => column.name),
      ...config.primaryKeys.flatMap((key) => key.columns.map((column) => column.name)),
    ],
    indexes: config.indexes
      .map(({ config }) => ({ ...config, name: config.name ?? "", columns: config.columns as unknown[] }))
      .map((index) => ({
        name: index.name,
        on: index.columns.map((part) => renderSql(part)),
        unique: index.unique,
        where: index.where === undefined ? undefined : renderSql(index.where),
        declaration: indexDeclaration(index, keyOf),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys.map((key) => {
      const reference = key.reference();
      const targetKeys = keysByColumn(reference.foreignTable);
      return {
        columns: reference.columns.map((column) => column.name),
        table: getTableNameOf(reference.foreignTable),
        tableExport: exportOf(reference.foreignTable),
        targetKeys: reference.foreignColumns.map((column) => targetKeys.get(column) ?? column.name),
        onDelete: key.onDelete ?? "no action",
        onUpdate: key.onUpdate ?? "no action",
      };
    }),
    uniqueConstraints: config.uniqueConstraints.map((unique) => unique.columns.map((column) => column.name)),
  };
}

function getTableNameOf(table: Table): string {
  return is(table, PgTable) ? getPgTableConfig(table).name : getSqliteTableConfig(table as SQLiteTable).name;
}

/** Every SQLite table a schema module exports, by table name. */
export function sqliteShapes(module: Record<string, unknown>): Map<string, TableShape> {
  const tables = tableExports(module, (value): value is SQLiteTable => is(value, SQLiteTable));
  const exportOf = (table: Table) => tables.find(([, t]) => t === table)?.[0] ?? "?";
  return new Map(
    tables.map(([exportName, table]) => {
      const shape = shapeOf(
        exportName,
        table,
        getSqliteTableConfig(table),
        (column) => sqliteKinds[column.columnType] ?? column.columnType,
        exportOf,
      );
      return [shape.name, shape];
    }),
  );
}

/** Every PostgreSQL table a schema module exports, by table name. */
export function pgShapes(module: Record<string, unknown>): Map<string, TableShape> {
  const tables = tableExports(module, (value): value is PgTable => is(value, PgTable));
  const exportOf = (table: Table) => tables.find(([, t]) => t === table)?.[0] ?? "?";
  return new Map(
    tables.map(([exportName, table]) => {
      const shape = shapeOf(
        exportName,
        table,
        getPgTableConfig(table),
        (column) =>
          // Times are epoch milliseconds in a bigint on both sides (src/db/pg-schema/columns.ts).
          column.columnType === "PgCustomColumn" && column.getSQLType() === "bigint"
            ? "timestamp"
            : (pgKinds[column.getSQLType()] ?? column.getSQLType()),
        exportOf,
      );
      return [shape.name, shape];
    }),
  );
}

/** Which file of a schema folder declares each table (`sqliteTable("name"` / `pgTable("name"`), as `<shownAs>/<file>`. */
export function declaringFiles(folder: string, shownAs: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith(".ts"))) {
    const source = readFileSync(join(folder, file), "utf8");
    for (const match of source.matchAll(/(?:sqliteTable|pgTable)\(\s*"([^"]+)"/g)) {
      files.set(match[1] as string, `${shownAs}/${file}`);
    }
  }
  return files;
}
