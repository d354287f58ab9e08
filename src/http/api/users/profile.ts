import { patchUser } from "../../../features/users/patch-user.js";
import { actorOf } from "../../actor.js";
import type { ApiApp, HttpDeps } from "../../app.js";
import { notFound } from "../../errors.js";
import { userJsonOf } from "./json.js";
import { profileOf } from "./request.js";
import * as routes from "./routes.js";

/** One user's record: read it, or change profile fields, tags, attributes, infinite session or ban. */
export function registerProfileRoutes(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(routes.getUser, (c) => c.json(userJsonOf(services, c.req.valid("param").id), 200));

  api.openapi(routes.patchUser, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const changes = patchUser(services, actorOf(c), {
      userId: id,
      patch: {
        ...profileOf(body),
        ...(body.tags && { tags: body.tags }),
        ...(body.attributes && { attributes: body.attributes }),
        ...(body.infinite_session !== undefined && { infiniteSession: body.infinite_session }),
        ...(body.status && { status: body.status }),
        ...(body.chosen_language !== undefined && { language: body.chosen_language }),
      },
    });
    if (changes === undefined) throw notFound(`User ${id}`);
    return c.json(userJsonOf(services, id), 200);
  });
}
