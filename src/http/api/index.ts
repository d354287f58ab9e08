import type { ApiApp, HttpDeps } from "../app.js";
import { registerAuditRoutes } from "./audit.js";
import { registerChartRoutes } from "./charts.js";
import { registerContentPreviewRoutes } from "./content-preview.js";
import { registerDeeplinkRoutes } from "./deeplinks.js";
import { registerFormRoutes } from "./forms.js";
import { registerMailingRoutes } from "./mailing.js";
import { registerMailingDraftPreviewRoute } from "./mailing-draft-preview.js";
import { registerPollRoutes } from "./mailing-polls.js";
import { registerMailingPreviewRoute } from "./mailing-preview.js";
import { registerReferralRoutes } from "./referrals.js";
import { registerRequiredChatsRoutes } from "./required-chats.js";
import { registerSequenceRoutes } from "./sequences.js";
import { registerSettingsRoutes } from "./settings.js";
import { registerStatisticsRoutes } from "./statistics.js";
import { registerTopicRoutes } from "./topics.js";
import { registerUserRoutes } from "./users/index.js";
import { registerVariantRoutes } from "./variants.js";

/**
 * Every route of the HTTP API, on whichever door it is registered: /api (the API token) and
 * /app/api (a Mini App session) serve the same routes, told apart only by the actor their auth sets.
 */
export function registerApiRoutes(api: ApiApp, deps: HttpDeps): void {
  registerUserRoutes(api, deps);
  registerMailingRoutes(api, deps);
  registerPollRoutes(api, deps);
  registerMailingPreviewRoute(api, deps);
  registerMailingDraftPreviewRoute(api, deps);
  registerSettingsRoutes(api, deps);
  registerStatisticsRoutes(api, deps);
  registerChartRoutes(api, deps);
  registerAuditRoutes(api, deps);
  registerReferralRoutes(api, deps);
  registerDeeplinkRoutes(api, deps);
  registerContentPreviewRoutes(api, deps);
  registerFormRoutes(api, deps);
  registerRequiredChatsRoutes(api, deps);
  registerTopicRoutes(api, deps);
  registerSequenceRoutes(api, deps);
  registerVariantRoutes(api, deps);
}
