import type { ApiApp, HttpDeps } from "../../app.js";
import { registerSegmentRoutes } from "./by-segment.js";
import { registerGdprRoutes } from "./gdpr.js";
import { registerImportExportRoutes } from "./import-export.js";
import { registerNoteRoutes } from "./notes.js";
import { registerProfileRoutes } from "./profile.js";
import { registerTelegramAccountRoutes } from "./telegram-account.js";

/** Every /users route; the order is the OpenAPI document's. */
export function registerUserRoutes(api: ApiApp, deps: HttpDeps): void {
  // Literal paths first, so /users/{id} never shadows them.
  registerImportExportRoutes(api, deps);
  registerSegmentRoutes(api, deps);
  registerProfileRoutes(api, deps);
  registerGdprRoutes(api, deps);
  registerNoteRoutes(api, deps);
  registerTelegramAccountRoutes(api, deps);
}
