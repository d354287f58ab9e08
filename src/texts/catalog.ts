import { texts as adminAdmins } from "./en/admin-admins.js";
import { texts as adminAlerts } from "./en/admin-alerts.js";
import { texts as adminAudit } from "./en/admin-audit.js";
import { texts as adminCharts } from "./en/admin-charts.js";
import { texts as adminDeeplinks } from "./en/admin-deeplinks.js";
import { texts as adminForms } from "./en/admin-forms.js";
import { texts as adminGeneral } from "./en/admin-general.js";
import { texts as adminMailing } from "./en/admin-mailing.js";
import { texts as adminMaintenance } from "./en/admin-maintenance.js";
import { texts as adminNumbers } from "./en/admin-numbers.js";
import { texts as adminPolls } from "./en/admin-polls.js";
import { texts as adminPreview } from "./en/admin-preview.js";
import { texts as adminProtection } from "./en/admin-protection.js";
import { texts as adminReferrals } from "./en/admin-referrals.js";
import * as adminRefusals from "./en/admin-refusals.js";
import * as adminSequences from "./en/admin-sequences.js";
import { texts as adminStatistics } from "./en/admin-statistics.js";
import { texts as adminTakeover } from "./en/admin-takeover.js";
import * as adminTopics from "./en/admin-topics.js";
import { texts as adminUrlButtons } from "./en/admin-url-buttons.js";
import * as adminUserTools from "./en/admin-user-tools.js";
import { texts as adminUsers } from "./en/admin-users.js";
import { texts as adminVariants } from "./en/admin-variants.js";
import { texts as adminWelcome } from "./en/admin-welcome.js";
import { texts as bot } from "./en/bot.js";
import { texts as forms } from "./en/forms.js";
import { texts as personalization } from "./en/personalization.js";
import { texts as refusalReasons } from "./en/refusal-reasons.js";
import { texts as segments } from "./en/segments.js";
import { texts as sequences } from "./en/sequences.js";
import { texts as topics } from "./en/topics.js";

/**
 * Every texts module by the name of its file: the English a locale translates, module by module
 * (`locales/<locale>/<module>.ftl`). A module with several exports is translated as one object of them.
 */
export const catalog = {
  "admin-admins": adminAdmins,
  "admin-alerts": adminAlerts,
  "admin-audit": adminAudit,
  "admin-charts": adminCharts,
  "admin-deeplinks": adminDeeplinks,
  "admin-forms": adminForms,
  "admin-general": adminGeneral,
  "admin-mailing": adminMailing,
  "admin-maintenance": adminMaintenance,
  "admin-numbers": adminNumbers,
  "admin-polls": adminPolls,
  "admin-preview": adminPreview,
  "admin-protection": adminProtection,
  "admin-referrals": adminReferrals,
  "admin-refusals": {
    refusalTexts: adminRefusals.refusalTexts,
    unknownRefusal: adminRefusals.unknownRefusal,
  },
  "admin-sequences": { texts: adminSequences.texts, cardTexts: adminSequences.cardTexts },
  "admin-statistics": adminStatistics,
  "admin-takeover": adminTakeover,
  "admin-topics": {
    texts: adminTopics.texts,
    sourceLabels: adminTopics.sourceLabels,
    topicTextLabels: adminTopics.topicTextLabels,
  },
  "admin-url-buttons": adminUrlButtons,
  "admin-variants": adminVariants,
  "admin-user-tools": {
    texts: adminUserTools.texts,
    problemTexts: adminUserTools.problemTexts,
    fieldLabels: adminUserTools.fieldLabels,
  },
  "admin-users": adminUsers,
  "admin-welcome": adminWelcome,
  bot: bot,
  forms: forms,
  personalization: personalization,
  "refusal-reasons": refusalReasons,
  segments: segments,
  sequences: sequences,
  topics: topics,
} as const;

export type TextsModule = keyof typeof catalog;
