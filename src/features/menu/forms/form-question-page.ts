import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import type { FormQuestionRecord } from "../../../db/schema/index.js";
import { texts } from "../../../texts/admin-forms.js";
import { texts as shared } from "../../../texts/bot.js";
import { texts as fieldTexts } from "../../../texts/personalization.js";
import { fillTemplate } from "../../content/template.js";
import type { FormRecord } from "../../forms/form-repository.js";
import { unknownFields } from "../../personalization/template-fields.js";
import type { AdminConversationEntry } from "../area.js";
import { type Parsed, refuse } from "../ask.js";
import { decodeListState, selectionPayload, setListState } from "../paged-list.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { variantsPages } from "../variants/variants-pages.js";
import { parsePrompt } from "./form-input-parsers.js";

const questionPageId = "admin-form-q";
const selectionPattern = /^(\d{1,11})_(\d{1,11})$/;

interface SelectedQuestion {
  form: FormRecord;
  question: FormQuestionRecord;
  position: number;
}

/** The form and question a question page's payload names, if both (still) exist. */
function selectedQuestion(ctx: UsherContext): SelectedQuestion | undefined {
  const found = selectionPattern.exec(decodeListState(ctx.match).selection ?? "");
  if (!found) return undefined;
  const { forms } = ctx.services;
  const form = forms.find(Number(found[1]));
  const questions = form ? forms.questions(form.id) : [];
  const position = questions.findIndex((q) => q.id === Number(found[2]));
  const question = questions[position];
  return form && question && { form, question, position };
}

function questionText(ctx: UsherContext): string {
  const selected = selectedQuestion(ctx);
  if (!selected) return texts.questionGone;
  const { form, question, position } = selected;
  return [
    fillTemplate(texts.questionTitle, { name: form.name, n: position + 1 }),
    "",
    fillTemplate(texts.questionLine, {
      n: position + 1,
      kind: question.kind,
      target: question.target,
      required: question.required ? texts.required : "",
      prompt: question.prompt,
    }),
    ...(question.choices.length > 0
      ? [fillTemplate(texts.questionChoices, { choices: question.choices.join(", ") })]
      : []),
    ...(question.reask !== null ? [fillTemplate(texts.questionReask, { reask: question.reask })] : []),
  ].join("\n");
}

/** A prompt in another language, read as the question's own is, and asked again for a field that does not exist. */
function parseVariantPrompt(message: Message): Parsed<string> {
  const prompt = parsePrompt(message);
  if (!prompt.ok) return prompt;
  const [unknown] = unknownFields(prompt.value);
  return unknown === undefined ? prompt : refuse(fillTemplate(fieldTexts.unknownField, { field: unknown }));
}

export interface QuestionPageLinks {
  /** Back to the page the question was opened from (its form's order of questions). */
  showForm: (ctx: AdminMenuContext, formId: number) => Promise<void>;
  /** Back to the list, when the form is gone. */
  showList: (ctx: AdminMenuContext) => Promise<void>;
}

/**
 * A form question's page: what it asks, and 🌐 its prompt in other languages. Returns how to open it
 * and the inputs to register.
 */
export function formQuestionPage(
  pages: AdminPages,
  links: QuestionPageLinks,
): {
  show: (ctx: AdminMenuContext, formId: number, questionId: number) => Promise<void>;
  conversations: AdminConversationEntry[];
} {
  const page = pages.create(questionPageId, questionText);
  const languages = variantsPages(pages, {
    id: questionPageId,
    parentPageId: questionPageId,
    subject: (ctx) => {
      const selected = selectedQuestion(ctx);
      return selected && `question:${selected.question.id}`;
    },
    parse: parseVariantPrompt,
  });
  const back = (ctx: AdminMenuContext) => {
    const formId = Number(selectionPattern.exec(decodeListState(ctx.match).selection ?? "")?.[1]);
    return ctx.services.forms.find(formId) ? links.showForm(ctx, formId) : links.showList(ctx);
  };
  page.dynamic((ctx, range) => {
    if (selectedQuestion(ctx)) languages.button(range).row();
    range.text({ text: shared.admin.back, payload: selectionPayload }, back);
  });
  return {
    show: (ctx, formId, questionId) => {
      setListState(ctx, { page: decodeListState(ctx.match).page, selection: `${formId}_${questionId}` });
      return pages.show(ctx, questionPageId);
    },
    conversations: languages.conversations,
  };
}
