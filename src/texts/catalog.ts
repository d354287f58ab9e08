import { texts as adminAdmins } from "./admin-admins.js";
import { texts as adminAlerts } from "./admin-alerts.js";
import { texts as adminAudit } from "./admin-audit.js";
import { texts as adminDeeplinks } from "./admin-deeplinks.js";
import { texts as adminForms } from "./admin-forms.js";
import { texts as adminGeneral } from "./admin-general.js";
import { texts as adminMailing } from "./admin-mailing.js";
import { texts as adminNumbers } from "./admin-numbers.js";
import { texts as adminPolls } from "./admin-polls.js";
import { texts as adminPreview } from "./admin-preview.js";
import { texts as adminProtection } from "./admin-protection.js";
import { texts as adminReferrals } from "./admin-referrals.js";
import * as adminRefusals from "./admin-refusals.js";
import * as adminSequences from "./admin-sequences.js";
import { texts as adminStatistics } from "./admin-statistics.js";
import * as adminTopics from "./admin-topics.js";
import { texts as adminUrlButtons } from "./admin-url-buttons.js";
import * as adminUserTools from "./admin-user-tools.js";
import { texts as adminUsers } from "./admin-users.js";
import { texts as bot } from "./bot.js";
import { texts as forms } from "./forms.js";
import { texts as personalization } from "./personalization.js";
import { texts as segments } from "./segments.js";
import { texts as sequences } from "./sequences.js";
import { texts as topics } from "./topics.js";

/**
 * Every texts module by the name of its file: the English a locale translates, module by module
 * (`locales/<locale>/<module>.ftl`). A module with several exports is translated as one object of them.
 */
export const catalog = {
  "admin-admins": adminAdmins,
  "admin-alerts": adminAlerts,
  "admin-audit": adminAudit,
  "admin-deeplinks": adminDeeplinks,
  "admin-forms": adminForms,
  "admin-general": adminGeneral,
  "admin-mailing": adminMailing,
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
  "admin-topics": {
    texts: adminTopics.texts,
    sourceLabels: adminTopics.sourceLabels,
    topicTextLabels: adminTopics.topicTextLabels,
  },
  "admin-url-buttons": adminUrlButtons,
  "admin-user-tools": {
    texts: adminUserTools.texts,
    problemTexts: adminUserTools.problemTexts,
    fieldLabels: adminUserTools.fieldLabels,
  },
  "admin-users": adminUsers,
  bot: bot,
  forms: forms,
  personalization: personalization,
  segments: segments,
  sequences: sequences,
  topics: topics,
} as const;

export type TextsModule = keyof typeof catalog;
