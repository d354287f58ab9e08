// The PostgreSQL mirror of ../schema/: same tables, columns and keys (test/db/schema-parity.test.ts
// holds them in step); what each column means is written on the SQLite side.
export * from "./admins.js";
export * from "./audit-log.js";
export * from "./budget.js";
export * from "./campaigns.js";
export * from "./captcha-challenges.js";
export * from "./conversation-states.js";
export * from "./deeplinks.js";
export * from "./forms.js";
export * from "./groups.js";
export * from "./handled-updates.js";
export * from "./imports.js";
export * from "./leases.js";
export * from "./mailing-variants.js";
export * from "./mailings.js";
export * from "./new-user-alerts.js";
export * from "./poll-answers.js";
export * from "./required-chats.js";
export * from "./sequences.js";
export * from "./settings.js";
export * from "./text-variants.js";
export * from "./topics.js";
export * from "./tracked-links.js";
export * from "./users.js";
