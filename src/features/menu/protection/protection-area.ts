import { texts } from "../../../texts/admin-protection.js";
import type { AdminArea } from "../area.js";
import { extensionsPageId } from "../page-ids.js";
import { captchaPage, captchaPageId } from "./captcha-page.js";
import { requiredChatsPage, requiredChatsPageId } from "./required-chats-page.js";

export const protectionPageId = "admin-protection";

/** 📂 Protection: the gate's first two steps, 🤖 Captcha and 📢 Subscription check. */
export const protectionArea: AdminArea = (pages) => {
  const page = pages.create(protectionPageId, () => texts.protection.title);
  pages.link(page, () => texts.protection.captchaLink, captchaPageId);
  pages.link(page, () => texts.protection.joinCheckLink, requiredChatsPageId);
  pages.back(page, extensionsPageId);
  return [...captchaPage(pages, protectionPageId), ...requiredChatsPage(pages, protectionPageId)];
};
