import type { MenuRange } from "@grammyjs/menu";
import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-variants.js";
import { texts as shared } from "../../../texts/bot.js";
import { texts as fieldTexts } from "../../../texts/personalization.js";
import { locales } from "../../../texts/translations.js";
import { fillTemplate } from "../../content/template.js";
import { referralLinkFields } from "../../gate/referrals/referral-link-fields.js";
import { languageOf } from "../../language/language.js";
import { unknownFields } from "../../personalization/template-fields.js";
import { removeVariant, setVariant } from "../../variants/variant-commands.js";
import {
  parseSubject,
  type SettingsSubject,
  type VariantContent,
  type VariantSubject,
} from "../../variants/variant-subject.js";
import { type AdminConversationEntry, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, parseText, refuse } from "../ask.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { preview as cut } from "../protection/edit-text.js";
import { previewVariant } from "./variant-preview.js";

/**
 * One editor page's text, as the 🌐 Languages pages need it. `subject` reads the pressed button's
 * payload (`ctx.match`) exactly as the editor page itself does; the pages keep that payload, so ⬅
 * Back lands on the editor as it was.
 */
export interface VariantsEditor {
  /** A short, unique prefix of the pages' and inputs' ids (callback data holds 64 bytes). */
  id: string;
  /** The button's label when the page edits several texts (`namedButton`); default: 🌐 Languages. */
  label?: () => string;
  /** The editor page ⬅ Back returns to. */
  parentPageId: string;
  /** The text the editor edits, or undefined when it is gone. */
  subject: (ctx: UsherContext) => VariantSubject | undefined;
  /** Reads the admin's new content as the default's editor does; default: a plain text. */
  parse?: (message: Message) => Parsed<VariantContent>;
  /** Sends a variant to the admin as its users get it; default: see `previewVariant`. */
  preview?: (ctx: UsherContext, content: VariantContent, subject: VariantSubject) => Promise<void>;
}

/** The parts a payload holds: the editor page's own, and the language open, if any. */
interface VariantsState {
  parent: string;
  language: string | null;
}

const separator = "~";

function decodeState(match: unknown): VariantsState {
  const payload = typeof match === "string" ? match : "";
  const at = payload.lastIndexOf(separator);
  if (at < 0) return { parent: payload, language: null };
  return { parent: payload.slice(0, at), language: languageOf(payload.slice(at + 1)) };
}

const encodeState = (state: VariantsState) =>
  state.language === null ? state.parent : `${state.parent}${separator}${state.language}`;

/** What a subject is called on the pages. */
export function subjectName(subject: string): string {
  const parsed = parseSubject(subject);
  if (!parsed) return subject;
  if (parsed.kind === "deeplink") return fillTemplate(texts.subjects.deeplink, { code: parsed.code });
  if (parsed.kind === "question") return fillTemplate(texts.subjects.question, { id: parsed.questionId });
  if (parsed.kind === "step") return fillTemplate(texts.subjects.step, { id: parsed.stepId });
  const key = parsed.subject.replace(/\.(\w)/, (_, c: string) =>
    c.toUpperCase(),
  ) as keyof typeof texts.subjects;
  return texts.subjects[key];
}

function describe(content: VariantContent): string {
  if (typeof content === "string") return cut(content);
  if (content.type === "text") return cut(content.text);
  return content.type === "copy" ? texts.copied : texts.otherContent;
}

/** Reads a plain text (a gate text, a question), its fields checked as the verb will check them. */
function plainTextOf(subject: VariantSubject): (message: Message) => Parsed<VariantContent> {
  return (message) => {
    const parsed = parseText(message);
    if (!parsed.ok) return parsed;
    const [unknown] = unknownFields(parsed.value.text, subject === "referralLink" ? referralLinkFields : []);
    if (unknown !== undefined) return refuse(fillTemplate(fieldTexts.unknownField, { field: unknown }));
    return accept(parsed.value.text);
  };
}

/** Whether a subject's content is a message (text or copy) rather than a plain text. */
const takesMessage = (subject: string) => {
  const parsed = parseSubject(subject);
  return parsed?.kind === "deeplink" || parsed?.kind === "step" || subject === "welcome";
};

/**
 * Adds the 🌐 Languages pages of one editor's text: the languages it has, each language's page
 * (preview, write or replace, remove) and the inputs. Returns the button to put on the editor page
 * and the inputs to register with the editor's area.
 */
export function variantsPages(
  pages: AdminPages,
  editor: VariantsEditor,
): {
  /** Adds the 🌐 Languages button to a range of the editor page. */
  button: (range: MenuRange<UsherContext>) => MenuRange<UsherContext>;
  conversations: AdminConversationEntry[];
} {
  const listId = `${editor.id}~v`;
  const languageId = `${editor.id}~vl`;
  const removeId = `${editor.id}~vx`;
  const setConversation = `${editor.id}~vset`;
  const anotherConversation = `${editor.id}~vnew`;

  /** The subject of the editor page this payload came from. */
  const subjectOf = (ctx: UsherContext): VariantSubject | undefined => {
    const match = ctx.match;
    ctx.match = decodeState(match).parent;
    try {
      return editor.subject(ctx);
    } finally {
      ctx.match = match;
    }
  };
  const stateOf = (ctx: UsherContext) => decodeState(ctx.match);
  const listPayload = (ctx: UsherContext) => stateOf(ctx).parent;
  const languagePayload = (ctx: UsherContext) => encodeState(stateOf(ctx));

  const show = (ctx: AdminMenuContext, id: string, state: VariantsState) => {
    ctx.match = encodeState(state);
    return pages.show(ctx, id);
  };
  const backToEditor = (ctx: AdminMenuContext) =>
    show(ctx, editor.parentPageId, { ...stateOf(ctx), language: null });
  const backToList = (ctx: AdminMenuContext) => show(ctx, listId, { ...stateOf(ctx), language: null });

  const list = pages.create(listId, (ctx) => {
    const subject = subjectOf(ctx);
    if (!subject) return texts.gone;
    const variants = ctx.services.variants.list(subject);
    return [
      fillTemplate(texts.title, { text: subjectName(subject) }),
      "",
      texts.intro,
      "",
      texts.defaultLine,
      ...(variants.length === 0
        ? [texts.none]
        : variants.map((v) => fillTemplate(texts.variantLine, { language: v.language }))),
    ].join("\n");
  });
  list.dynamic((ctx, range) => {
    const subject = subjectOf(ctx);
    if (subject) {
      const written = ctx.services.variants.list(subject).map((v) => v.language);
      const offered = [...written, ...locales.filter((l) => !written.includes(l))];
      for (const language of offered) {
        const label = fillTemplate(written.includes(language) ? texts.variantButton : texts.addButton, {
          language,
        });
        range.text({ text: label, payload: listPayload }, (ctx) =>
          show(ctx, languageId, { ...stateOf(ctx), language }),
        );
      }
      range.row().text({ text: texts.anotherButton, payload: listPayload }, async (ctx) => {
        const current = subjectOf(ctx);
        if (!current) return backToEditor(ctx);
        await ctx.conversation.enter(anotherConversation, current, stateOf(ctx).parent);
      });
    }
    range.row().text({ text: shared.admin.back, payload: listPayload }, backToEditor);
  });

  const languagePage = pages.create(languageId, (ctx) => {
    const subject = subjectOf(ctx);
    const { language } = stateOf(ctx);
    if (!subject || language === null) return texts.gone;
    const variant = ctx.services.variants.find(subject, language);
    return [
      fillTemplate(texts.languageTitle, { text: subjectName(subject), language }),
      "",
      ...(variant
        ? [fillTemplate(texts.has, { language }), "", describe(variant.content)]
        : [fillTemplate(texts.missing, { language })]),
    ].join("\n");
  });
  languagePage.dynamic((ctx, range) => {
    const subject = subjectOf(ctx);
    const { language } = stateOf(ctx);
    if (subject && language !== null) {
      const exists = ctx.services.variants.find(subject, language) !== undefined;
      if (exists) {
        range.text({ text: texts.previewButton, payload: languagePayload }, async (ctx) => {
          const current = subjectOf(ctx);
          const variant = current && ctx.services.variants.find(current, language);
          if (!current || !variant) return backToList(ctx);
          await (editor.preview ?? previewVariant)(ctx, variant.content, current);
        });
      }
      range.text(
        { text: exists ? texts.replaceButton : texts.writeButton, payload: languagePayload },
        async (ctx) => {
          const current = subjectOf(ctx);
          if (!current) return backToEditor(ctx);
          await ctx.conversation.enter(setConversation, current, language, stateOf(ctx).parent);
        },
      );
      if (exists) {
        range.text({ text: texts.removeButton, payload: languagePayload }, (ctx) =>
          show(ctx, removeId, stateOf(ctx)),
        );
      }
    }
    range.row().text({ text: shared.admin.back, payload: languagePayload }, backToList);
  });

  const confirm = pages.create(removeId, (ctx) => {
    const { language } = stateOf(ctx);
    return subjectOf(ctx) && language !== null ? fillTemplate(texts.confirmRemove, { language }) : texts.gone;
  });
  confirm
    .text({ text: () => texts.confirmYes, payload: languagePayload }, async (ctx) => {
      const subject = subjectOf(ctx);
      const { language } = stateOf(ctx);
      if (subject && language !== null) removeVariant(ctx.services, actorOf(ctx), { subject, language });
      await backToList(ctx);
    })
    .text({ text: () => texts.confirmNo, payload: languagePayload }, (ctx) =>
      show(ctx, languageId, stateOf(ctx)),
    );

  /** Asks for the content in `language`, saves it and shows that language's page again. */
  async function write(
    conversation: AdminConversation,
    ctx: Context,
    subject: VariantSubject,
    language: string,
    parent: string,
  ): Promise<void> {
    const prompt = fillTemplate(takesMessage(subject) ? texts.askMessage : texts.askText, { language });
    const content = await ask(conversation, ctx, prompt, editor.parse ?? plainTextOf(subject));
    await asAdmin(conversation, async (octx) => {
      setVariant(octx.services, actorOf(octx), { subject, language, content });
      await octx.reply(fillTemplate(texts.saved, { language }));
      octx.match = encodeState({ parent, language });
      await pages.send(octx, languageId);
    });
  }

  async function setContent(conversation: AdminConversation, ctx: Context, ...args: unknown[]) {
    const [subject, language, parent] = args;
    if (typeof subject !== "string" || typeof language !== "string" || typeof parent !== "string") return;
    await write(conversation, ctx, subject as VariantSubject, language, parent);
  }

  async function another(conversation: AdminConversation, ctx: Context, ...args: unknown[]) {
    const [subject, parent] = args;
    if (typeof subject !== "string" || typeof parent !== "string") return;
    const language = await ask(conversation, ctx, texts.askLanguage, (message) => {
      const code = languageOf(message.text);
      return code === null ? refuse(texts.badLanguage) : accept(code);
    });
    await write(conversation, ctx, subject as VariantSubject, language, parent);
  }

  return {
    button: (range) =>
      range.text(
        {
          text: editor.label ?? (() => texts.button),
          payload: (ctx) => (typeof ctx.match === "string" ? ctx.match : ""),
        },
        (ctx) =>
          show(ctx, listId, { parent: typeof ctx.match === "string" ? ctx.match : "", language: null }),
      ),
    conversations: [
      { id: setConversation, builder: setContent },
      { id: anotherConversation, builder: another },
    ],
  };
}

/**
 * The 🌐 pages of the settings texts (gate texts, Dear User) an editor page edits, their buttons in
 * one row; with several texts each button is labelled with its text's name.
 */
export function settingsTextVariants(
  pages: AdminPages,
  options: { parentPageId: string; subjects: readonly SettingsSubject[] },
): ReturnType<typeof variantsPages> {
  const named = options.subjects.length > 1;
  const editors = options.subjects.map((subject) =>
    variantsPages(pages, {
      id: `admin-v-${subject}`,
      parentPageId: options.parentPageId,
      subject: () => subject,
      ...(named && { label: () => fillTemplate(texts.namedButton, { text: subjectName(subject) }) }),
    }),
  );
  return {
    button: (range) => {
      for (const editor of editors) editor.button(range);
      return range;
    },
    conversations: editors.flatMap((editor) => editor.conversations),
  };
}
