import type { z } from "@hono/zod-openapi";
import { type BulkChange, bulkEdit } from "../../../features/users/bulk.js";
import { checkPatch } from "../../../features/users/patch-user.js";
import { tagsOfUsers } from "../../../features/users/user-list-repository.js";
import { actorOf } from "../../actor.js";
import type { ApiApp, HttpDeps } from "../../app.js";
import { ApiError } from "../../errors.js";
import { bulkResultJson, toUserSummaryJson } from "./json.js";
import { decodeListCursor, encodeListCursor } from "./list-cursor.js";
import { segmentOf } from "./request.js";
import * as routes from "./routes.js";
import type { userBulkSchema } from "./schemas.js";

const badField = (path: string, message: string) =>
  new ApiError(400, "invalid_request", `Invalid request: ${path}: ${message}`, [{ path, message }]);

/** The checked changes of a bulk request, in the order they are applied (as PATCH applies them). */
function bulkChangesOf(body: z.infer<typeof userBulkSchema>): BulkChange[] {
  const checked = checkPatch(body);
  const unique = <T>(items: T[]) => [...new Set(items)];
  const changes: BulkChange[] = [
    ...unique(checked.removeTags).map((tag) => ({ kind: "tag", change: { mode: "remove", tag } }) as const),
    ...unique(checked.addTags).map((tag) => ({ kind: "tag", change: { mode: "add", tag } }) as const),
    ...unique(checked.unsetAttributes).map(
      (key) => ({ kind: "attribute", change: { mode: "unset", key } }) as const,
    ),
    ...checked.setAttributes.map(
      ({ key, value }) => ({ kind: "attribute", change: { mode: "set", key, value } }) as const,
    ),
  ];
  if (changes.length === 0) throw badField("body", "name at least one tag or attribute to change");
  return changes;
}

/** The routes that select users by segment: bulk tag and attribute changes, and the paged list. */
export function registerSegmentRoutes(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(routes.bulkEdit, (c) => {
    const { q, all } = c.req.valid("query");
    const tree = segmentOf(q, services);
    if (tree.kind === "everyone" && !all)
      throw badField("query.all", "q selects every user: send all=true to change them all");
    if (tree.kind !== "everyone" && all)
      throw badField("query.all", "all=true changes every user: leave q out, or leave all out");
    const changes = bulkChangesOf(c.req.valid("json"));
    return c.json(bulkResultJson(changes, bulkEdit(services, actorOf(c), { segment: tree, changes })), 200);
  });

  api.openapi(routes.listUsers, (c) => {
    const { q, limit, sort, order, cursor } = c.req.valid("query");
    const tree = segmentOf(q, services);
    const userOrder = { sort, descending: order === "desc" };
    const after = decodeListCursor(cursor, userOrder);
    // One more than asked tells whether another page follows.
    const page = services.segments.sortedPageOfSegment(tree, userOrder, after, limit + 1);
    const shown = page.slice(0, limit).map(({ user }) => user);
    const last = page[limit - 1];
    const dearUser = services.settings.get("general").dearUserName;
    const tags = tagsOfUsers(
      services.db,
      shown.map((user) => user.id),
    );
    return c.json(
      {
        users: shown.map((user) => toUserSummaryJson(user, dearUser, tags.get(user.id) ?? [])),
        next_cursor: page.length > limit && last ? encodeListCursor(userOrder, last.position) : null,
        total: services.segments.countSegment(tree),
      },
      200,
    );
  });
}
