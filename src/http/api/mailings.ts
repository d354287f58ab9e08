import type { ApiApp, HttpDeps } from "../app.js";

// Placeholder while the mailing routes are written this session.
export function registerMailingRoutes(_api: ApiApp, _deps: HttpDeps): void {}
