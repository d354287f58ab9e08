import { z } from "zod";
import { isButtonUrl, urlButtonLimits } from "../features/mailing/url-buttons.js";

/** One URL button as the API takes it (mailings, deeplinks): the label is trimmed. */
const urlButtonSchema = z
  .object({
    text: z.string().trim().min(1, "the label is blank").max(urlButtonLimits.labelLength),
    url: z.string().refine(isButtonUrl, { message: "not an http(s) link with a host, nor tg://…" }),
  })
  .strict()
  .meta({ id: "UrlButton" });

/** Rows of URL buttons within Telegram's limits. */
export const urlButtonRows = (description: string) =>
  z
    .array(z.array(urlButtonSchema).min(1).max(urlButtonLimits.perRow))
    .max(urlButtonLimits.rows)
    .meta({ description });
