import {
  type SortPosition,
  sortColumns,
  type UserOrder,
  userSorts,
} from "../../../features/users/user-sorts.js";
import { ApiError } from "../../errors.js";

/** The `next_cursor` of GET /users: base64url JSON of the order and where the page ended. */

interface CursorJson {
  sort: string;
  order: "asc" | "desc";
  value: string | number | null;
  id: number;
}

const orderName = (order: UserOrder) => (order.descending ? "desc" : "asc");

/** The cursor that continues `order` after `position`. */
export function encodeListCursor(order: UserOrder, position: SortPosition): string {
  const json: CursorJson = { sort: order.sort, order: orderName(order), ...position };
  return Buffer.from(JSON.stringify(json)).toString("base64url");
}

const invalidCursor = (message: string) =>
  new ApiError(400, "invalid_cursor", `query.cursor: ${message}`, [{ path: "query.cursor", message }]);

function parsedJson(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    return undefined;
  }
}

/** Whether `value` is a sort value of `order`'s column: its kind, or null where the column can be null. */
function isValueOf(order: UserOrder, value: unknown): value is SortPosition["value"] {
  const column = sortColumns[order.sort];
  if (value === null) return column.nullable;
  return column.kind === "number" ? Number.isSafeInteger(value) : typeof value === "string";
}

/** Where the page a cursor names starts after (none: the first page), or a 400 when `order` did not make it. */
export function decodeListCursor(cursor: string | undefined, order: UserOrder): SortPosition | undefined {
  if (cursor === undefined) return undefined;
  const json = parsedJson(cursor) as Partial<CursorJson> | null | undefined;
  const isCursor =
    typeof json === "object" &&
    json !== null &&
    userSorts.some((sort) => sort === json.sort) &&
    (json.order === "asc" || json.order === "desc") &&
    Number.isSafeInteger(json.id) &&
    "value" in json;
  if (!isCursor)
    throw invalidCursor("not a cursor this API gave: pass next_cursor of the page before, or none");
  if (json.sort !== order.sort || json.order !== orderName(order))
    throw invalidCursor(
      `the cursor continues sort=${json.sort}&order=${json.order}: send those, or start again without a cursor`,
    );
  if (!isValueOf(order, json.value)) throw invalidCursor(`not a ${order.sort} value this API gave`);
  return { value: json.value, id: json.id as number };
}
