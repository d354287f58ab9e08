import type { z } from "@hono/zod-openapi";
import type { Services } from "../../../bot/services.js";
import { parseSegment, type Segment, segmentErrorText } from "../../../features/segments/segment.js";
import type { ProfileChanges } from "../../../features/users/patch-user.js";
import type { UserRecord } from "../../../features/users/user-repository.js";
import { ApiError, notFound } from "../../errors.js";
import type { profileShape } from "./schemas.js";

/** The user a path names, or a 404. */
export function findUser(services: Services, id: number): UserRecord {
  const user = services.users.find(id);
  if (!user) throw notFound(`User ${id}`);
  return user;
}

/** The segment of a `q` query parameter (empty: everyone), or a 400 naming what is wrong with it. */
export function segmentOf(q: string | undefined, services: Services): Segment {
  const parsed = parseSegment(q ?? "", {
    topicExists: (name) => services.topics.findByName(name) !== undefined,
  });
  if (parsed.ok) return parsed.tree;
  const message = segmentErrorText(parsed);
  throw new ApiError(400, "invalid_segment", message, [{ path: "query.q", message }]);
}

/** The profile fields of a request body, as the user verbs name them. */
export function profileOf(body: z.infer<z.ZodObject<typeof profileShape>>): ProfileChanges {
  return {
    firstName: body.first_name,
    lastName: body.last_name,
    email: body.email,
    phone: body.phone,
    timezone: body.timezone,
    gender: body.gender,
  };
}
