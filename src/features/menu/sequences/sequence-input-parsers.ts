import type { Message } from "grammy/types";
import { texts } from "../../../texts/admin-sequences.js";
import { texts as fieldTexts } from "../../../texts/personalization.js";
import { fillTemplate } from "../../content/template.js";
import { pollProblem } from "../../mailing/poll.js";
import { unknownFields } from "../../personalization/template-fields.js";
import type { SendingWindow } from "../../sequences/sending-window.js";
import type { SequenceContent } from "../../sequences/sequence.js";
import { accept, type Parsed, parseText, refuse } from "../ask.js";
import { pollContentOf } from "../mailing/wizard-poll.js";

const units = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "0", "30m", "2h", "1d" as milliseconds. */
export function parseDelay(message: Message): Parsed<number> {
  const match = /^\s*(\d{1,4})\s*([mhd])?\s*$/i.exec(message.text ?? "");
  if (!match) return refuse(texts.delayInvalid);
  const amount = Number(match[1]);
  if (amount > 0 && match[2] === undefined) return refuse(texts.delayInvalid);
  const unit = (match[2]?.toLowerCase() ?? "m") as keyof typeof units;
  return accept(amount * units[unit]);
}

/** "09:00-20:00" as minutes of the day, "any" as no window. */
export function parseWindow(message: Message): Parsed<SendingWindow | null> {
  const text = (message.text ?? "").trim().toLowerCase();
  if (text === "any") return accept(null);
  const match = /^([01]?\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return refuse(texts.windowInvalid);
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  return start === end ? refuse(texts.windowInvalid) : accept({ start, end });
}

/** A step's content from the admin's message: a text as text, a poll as a poll, anything else as a copy of it. */
export function parseStepContent(message: Message): Parsed<SequenceContent> {
  if (message.poll !== undefined) {
    const poll = pollContentOf(message.poll);
    const problem = pollProblem(poll);
    return problem === null ? accept(poll) : refuse(problem);
  }
  if (message.text === undefined)
    return accept({ type: "copy", fromChatId: message.chat.id, messageId: message.message_id });
  const text = parseText(message);
  if (!text.ok) return text;
  const [unknown] = unknownFields(text.value.text);
  if (unknown !== undefined) return refuse(fillTemplate(fieldTexts.unknownField, { field: unknown }));
  const { entities } = text.value;
  return accept({ type: "text", text: text.value.text, ...(entities ? { entities } : {}) });
}
