import type { ApiApp, HttpDeps } from "../app.js";

// Placeholder while the users routes are written this session.
export function registerUserRoutes(_api: ApiApp, _deps: HttpDeps): void {}
