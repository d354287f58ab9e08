import type { Db } from "../../../db/client.js";
import type { CampaignRecord } from "../../../db/schema/index.js";
import { UsherError } from "../../../errors.js";
import { refusalReason } from "../../../texts/refusal-reasons.js";
import type { Actor } from "../../audit/audit-log.js";
import type { AuditLog } from "../../audit/audit-repository.js";
import { randomCode } from "../../users/random-code.js";
import type { CampaignRepository } from "./campaign-repository.js";

/** What the campaign verbs work with (a subset of the bot's services). */
export interface CampaignServices {
  db: Db;
  campaigns: CampaignRepository;
  audit: AuditLog;
  now: () => Date;
}

export const campaignNameMaxLength = 64;

/** A campaign code rides in `?start=a<code>`: with the `a`, a valid /start payload of at most 64 characters. */
export const campaignCodePattern = /^[A-Za-z0-9_-]{1,63}$/;

export type CampaignNameCheck =
  | { ok: true; name: string }
  | { ok: false; problem: "empty" | "too_long"; length: number };

/** A campaign name as stored: trimmed, runs of white space made one space, 1–64 characters. */
export function normalizeCampaignName(raw: string): CampaignNameCheck {
  const name = raw.trim().replace(/\s+/g, " ");
  if (name === "") return { ok: false, problem: "empty", length: 0 };
  if (name.length > campaignNameMaxLength) return { ok: false, problem: "too_long", length: name.length };
  return { ok: true, name };
}

/** A campaign refused before anything was stored. */
export class CampaignInputError extends UsherError.input(["invalid_name", "invalid_code"])<"name" | "code"> {}

/** Another campaign already has this code. */
export class CampaignCodeTakenError extends UsherError.of("conflict", ["code_taken"]) {
  constructor(readonly campaignCode: string) {
    super("code_taken", `The code ${campaignCode} is taken by another campaign`);
  }
}

function checkedName(raw: string): string {
  const check = normalizeCampaignName(raw);
  if (check.ok) return check.name;
  throw new CampaignInputError(
    "invalid_name",
    "name",
    check.problem === "empty"
      ? refusalReason("campaigns", "blankName")
      : refusalReason("campaigns", "longName", { length: check.length, max: campaignNameMaxLength }),
  );
}

const summary = ({ id, name, code }: CampaignRecord) => ({ id, name, code });

/**
 * Creates a campaign link with the given code or a fresh random one, and audits `campaigns.create`.
 * Throws `CampaignInputError` or `CampaignCodeTakenError`, storing nothing.
 */
export function createCampaign(
  services: CampaignServices,
  actor: Actor,
  input: { name: string; code?: string },
): CampaignRecord {
  const name = checkedName(input.name);
  if (input.code !== undefined && !campaignCodePattern.test(input.code)) {
    throw new CampaignInputError("invalid_code", "code", refusalReason("campaigns", "code"));
  }
  const { campaigns, audit } = services;
  return services.db.transaction(() => {
    let code = input.code;
    if (code !== undefined && campaigns.findByCode(code)) throw new CampaignCodeTakenError(code);
    while (code === undefined || campaigns.findByCode(code)) code = randomCode(8);
    const created = campaigns.create(
      { name, code, createdBy: actor.kind === "admin" ? actor.id : null },
      services.now(),
    );
    audit.record({ actor, action: "campaigns.create", after: summary(created) });
    return created;
  });
}

/** Renames a campaign (its link stays) and audits `campaigns.rename`; undefined when there is no such campaign. */
export function renameCampaign(
  services: CampaignServices,
  actor: Actor,
  input: { id: number; name: string },
): CampaignRecord | undefined {
  const { id } = input;
  const name = checkedName(input.name);
  const { campaigns, audit } = services;
  return services.db.transaction(() => {
    const before = campaigns.find(id);
    if (!before) return undefined;
    if (before.name === name) return before;
    const after = campaigns.rename(id, name);
    if (after)
      audit.record({ actor, action: "campaigns.rename", before: summary(before), after: summary(after) });
    return after;
  });
}

/**
 * Deletes a campaign and audits `campaigns.delete`. Its users stay bot users, no longer tied to a
 * campaign. Undefined when there is no such campaign.
 */
export function deleteCampaign(
  services: CampaignServices,
  actor: Actor,
  id: number,
): CampaignRecord | undefined {
  return services.db.transaction(() => {
    const deleted = services.campaigns.delete(id);
    if (deleted) services.audit.record({ actor, action: "campaigns.delete", before: summary(deleted) });
    return deleted;
  });
}
