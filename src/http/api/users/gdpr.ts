import { deleteUserData, downloadUserData, UserDataError } from "../../../features/users/gdpr.js";
import { actorOf } from "../../actor.js";
import type { ApiApp, HttpDeps } from "../../app.js";
import { ApiError, notFound } from "../../errors.js";
import { findUser } from "./request.js";
import * as routes from "./routes.js";

/** The user's GDPR rights: delete everything stored about them, or download it. */
export function registerGdprRoutes(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(routes.deleteUser, (c) => {
    const { id } = c.req.valid("param");
    findUser(services, id);
    try {
      if (!deleteUserData(services, actorOf(c), id)) throw notFound(`User ${id}`);
    } catch (error) {
      if (error instanceof UserDataError)
        throw new ApiError(409, "is_admin", `User ${id} is an admin: remove their admin rights first`);
      throw error;
    }
    return c.body(null, 204);
  });

  api.openapi(routes.exportUser, (c) => {
    const { id } = c.req.valid("param");
    const data = downloadUserData(services, actorOf(c), id);
    if (!data) throw notFound(`User ${id}`);
    c.header("Content-Disposition", `attachment; filename="user-${id}.json"`);
    return c.json(data as never, 200);
  });
}
