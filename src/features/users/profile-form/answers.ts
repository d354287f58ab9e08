import type { Message } from "grammy/types";
import type { ContactSource } from "../../../db/schema/index.js";
import { ownContactPhone } from "../contact.js";
import { visibleName } from "../display-name.js";
import { maxNameLength, normalizeEmail, normalizePhone } from "../profile-fields.js";
import { texts } from "./texts.js";

/** What the user's message means for the question asked: a value, skip, cancel, or what is wrong with it. */
export type Answer<T> =
  | { kind: "value"; value: T }
  | { kind: "skip" }
  | { kind: "cancel" }
  | { kind: "invalid"; problem: string };

const invalid = (problem: string): Answer<never> => ({ kind: "invalid", problem });

/** /cancel and /skip, any other command refused, or the text left to parse. */
function readText(message: Message): Answer<never> | string {
  const text = message.text?.trim();
  if (text === undefined) return invalid(texts.notText);
  if (/^\/cancel(@\w+)?$/i.test(text)) return { kind: "cancel" };
  if (/^\/skip(@\w+)?$/i.test(text)) return { kind: "skip" };
  if (text.startsWith("/")) return invalid(texts.command);
  return text;
}

/** A first name: visible, at most 64 characters. */
export function parseFirstName(message: Message): Answer<string> {
  const text = readText(message);
  if (typeof text !== "string") return text;
  const name = visibleName(text);
  if (name === null) return invalid(texts.nameEmpty);
  return name.length > maxNameLength ? invalid(texts.nameTooLong) : { kind: "value", value: name };
}

/** A last name, as a first name. */
export const parseLastName = parseFirstName;

export function parseEmail(message: Message): Answer<string> {
  const text = readText(message);
  if (typeof text !== "string") return text;
  const email = normalizeEmail(text);
  return email === null ? invalid(texts.badEmail) : { kind: "value", value: email };
}

/** A phone with where it came from: the user's own shared contact is verified, a typed one is not. */
export interface PhoneAnswer {
  phone: string;
  source: Extract<ContactSource, "shared_contact" | "self_reported">;
}

/** A phone typed with its country code, or the user's own contact shared with the button. */
export function parsePhone(message: Message, senderId: number): Answer<PhoneAnswer> {
  const contact = message.contact;
  if (contact) {
    if (contact.user_id !== senderId) return invalid(texts.someoneElse);
    const phone = ownContactPhone(contact, senderId);
    return phone === null
      ? invalid(texts.badPhone)
      : { kind: "value", value: { phone, source: "shared_contact" } };
  }
  const text = readText(message);
  if (typeof text !== "string") return text;
  const phone = normalizePhone(text);
  return phone === null
    ? invalid(texts.badPhone)
    : { kind: "value", value: { phone, source: "self_reported" } };
}
