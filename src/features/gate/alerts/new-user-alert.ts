import type { UsherContext } from "../../../bot/context.js";
import { texts as alertTexts } from "../../../texts/admin-alerts.js";
import { texts } from "../../../texts/bot.js";
import { inLocale } from "../../../texts/locale-scope.js";
import { renderTemplate } from "../../content/template.js";
import { localeOfUser } from "../../language/language.js";
import { alertRecipients } from "../../menu/alerts/recipients.js";
import { displayName } from "../../users/display-name.js";
import { claimNewUserAlert } from "./claim-alert.js";
import { sendAlert } from "./send-alert.js";

/**
 * Tells the chosen admins about a new bot user, each in their own language, at most once per user
 * even across repeated /start. Past the minute's quota of single alerts the newcomer is only
 * counted: the minute's digest (NewUserDigests) tells the admins.
 */
export async function alertAdminsOfNewUser(ctx: UsherContext): Promise<void> {
  const user = ctx.user;
  const { settings, users, campaigns, admins, now } = ctx.services;
  const alerts = settings.get("newUserAlerts");
  if (!user || !alerts.enabled) return;
  if (
    claimNewUserAlert(ctx.services, { user, at: now(), individualPerMinute: alerts.individualPerMinute }) !==
    "individual"
  )
    return;

  const dearUser = settings.get("general").dearUserName;
  const parent = user.referrerId !== null ? users.find(user.referrerId) : undefined;
  const campaign = user.campaignId !== null ? campaigns.find(user.campaignId) : undefined;
  // Written in the language of the admin who reads it, not the newcomer's whose update this is.
  const alertText = () => {
    let source = "";
    if (parent) {
      source = renderTemplate(texts.newUserAlertReferrer, {
        name: displayName(parent, dearUser),
        id: String(parent.id),
      }).text;
    }
    if (campaign)
      source = renderTemplate(texts.newUserAlertCampaign, { name: campaign.name, code: campaign.code }).text;
    return renderTemplate(texts.newUserAlert, {
      full_name: displayName(user, dearUser),
      username: user.username ? `@${user.username}` : alertTexts.noUsername,
      id: String(user.id),
      source,
    }).text;
  };

  for (const adminId of alertRecipients(alerts.adminIds, admins.adminIds())) {
    if (adminId === user.id) continue;
    const text = inLocale(localeOfUser(users.find(adminId)), alertText);
    await sendAlert(ctx.api, { chatId: adminId, text }).catch((err: unknown) => {
      ctx.log.warn({ err, adminId }, "could not send a new-user alert");
    });
  }
}
