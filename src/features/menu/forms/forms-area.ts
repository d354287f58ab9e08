import type { MenuRange } from "@grammyjs/menu";
import { type Context, InputFile } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-forms.js";
import { texts as shared } from "../../../texts/bot.js";
import { texts as formTexts } from "../../../texts/forms.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import { fillTemplate } from "../../content/template.js";
import {
  addQuestion,
  changeForm,
  createForm,
  deleteForm,
  type FormInput,
  moveQuestion,
  removeQuestion,
} from "../../forms/form-commands.js";
import { sendFormOutcome } from "../../forms/form-messages.js";
import { formReaderOf } from "../../forms/form-reader.js";
import type { FormRecord } from "../../forms/form-repository.js";
import { formResultsCsv } from "../../forms/form-results-csv.js";
import { profileFieldKinds } from "../../forms/form-targets.js";
import { profileForm } from "../../forms/profile-form.js";
import { fieldsFor } from "../../gate/gate-replies.js";
import { startLink } from "../../gate/start-payload.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, parseText, refuse } from "../ask.js";
import { rootPageId } from "../page-ids.js";
import {
  addPageButtons,
  decodeListState,
  encodeListState,
  listWindow,
  pagePayload,
  selectedId,
  selectionPayload,
  setListState,
  showListPage,
} from "../paged-list.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import {
  kindList,
  parseChoices,
  parseExpiry,
  parseKind,
  parseOptionalText,
  parsePrompt,
  parseTag,
  parseTarget,
  parseYesNo,
} from "./form-input-parsers.js";
import { formQuestionPage } from "./form-question-page.js";

export const formsPageId = "admin-forms";
const formPageId = "admin-form";
const orderPageId = "admin-form-order";
const deletePageId = "admin-form-del";
const newFormConversation = "admin-forms-new";
const addQuestionConversation = "admin-form-question";
const tagConversation = "admin-form-tag";
const expiryConversation = "admin-form-expiry";
const textsConversation = "admin-form-texts";

/** The form a list or detail button was pressed for, if it (still) exists. */
function selectedForm(ctx: UsherContext): FormRecord | undefined {
  const id = selectedId(ctx.match);
  return id === undefined ? undefined : ctx.services.forms.find(id);
}

function formsWindow(ctx: UsherContext) {
  return listWindow(decodeListState(ctx.match).page, ctx.services.forms.list().length);
}

function formsOnPage(ctx: UsherContext): FormRecord[] {
  const window = formsWindow(ctx);
  return ctx.services.forms.list().slice(window.offset, window.offset + window.limit);
}

function formsText(ctx: UsherContext): string {
  // The /profile form is listed from the start, so the owner can edit it before anyone sends /profile.
  profileForm(ctx.services);
  const { forms } = ctx.services;
  const lines = formsOnPage(ctx).map((form) =>
    fillTemplate(texts.line, {
      name: form.name,
      questions: forms.questions(form.id).length,
      ...forms.tally(form.id),
    }),
  );
  return [texts.title, "", texts.intro, "", ...(lines.length > 0 ? lines : [texts.none])].join("\n");
}

function formText(ctx: UsherContext): string {
  const form = selectedForm(ctx);
  if (!form) return texts.gone;
  const { forms } = ctx.services;
  const questions = forms.questions(form.id).map((q, i) =>
    fillTemplate(texts.questionLine, {
      n: i + 1,
      kind: q.kind,
      target: q.target,
      required: q.required ? texts.required : "",
      prompt: q.prompt,
    }),
  );
  return [
    fillTemplate(texts.detailTitle, { name: form.name }),
    ...(form.builtIn !== null ? [texts.profileNote] : []),
    "",
    fillTemplate(texts.detailBody, {
      link: startLink(ctx.me.username, form.code),
      tag: form.completionTag ?? texts.noTag,
      expiry: form.expiryMinutes,
      ...forms.tally(form.id),
    }),
    "",
    texts.questionsTitle,
    ...(questions.length > 0 ? questions : [texts.noQuestions]),
  ].join("\n");
}

/** Shows the list at the page the pressed button came from (or `page`). */
function showList(pages: AdminPages, ctx: AdminMenuContext, page?: number): Promise<void> {
  return showListPage(pages, ctx, formsPageId, page);
}

/** 📝 Forms: the list, each form's page with its questions, their order, a preview and the results. */
export const formsArea: AdminArea = (pages) => {
  const list = pages.create(formsPageId, formsText);
  list.text({ text: () => texts.newButton, payload: pagePayload }, (ctx) =>
    ctx.conversation.enter(newFormConversation),
  );
  list.dynamic((ctx, range) => {
    const window = formsWindow(ctx);
    for (const form of formsOnPage(ctx)) {
      range
        .row()
        .text(
          { text: fillTemplate(texts.item, { name: form.name }), payload: `${window.page}.${form.id}` },
          async (ctx) => (selectedForm(ctx) ? pages.show(ctx, formPageId) : showList(pages, ctx)),
        );
    }
    addPageButtons(range, window, (ctx, to) => showList(pages, ctx, to));
  });
  list
    .row()
    .text({ text: () => shared.admin.back, payload: pagePayload }, (ctx) => pages.show(ctx, rootPageId));

  const addDetailButtons = (range: MenuRange<UsherContext>, form: FormRecord) => {
    range
      .text({ text: texts.addQuestionButton, payload: selectionPayload }, async (ctx) => {
        const selected = selectedForm(ctx);
        if (!selected) return showList(pages, ctx);
        await ctx.conversation.enter(addQuestionConversation, selected.id);
      })
      .text({ text: texts.orderButton, payload: selectionPayload }, async (ctx) =>
        selectedForm(ctx) ? pages.show(ctx, orderPageId) : showList(pages, ctx),
      )
      .row();
    for (const [label, conversation] of [
      [texts.tagButton, tagConversation],
      [texts.expiryButton, expiryConversation],
      [texts.textsButton, textsConversation],
    ] as const) {
      range.text({ text: label, payload: selectionPayload }, async (ctx) => {
        const selected = selectedForm(ctx);
        if (!selected) return showList(pages, ctx);
        await ctx.conversation.enter(conversation, selected.id);
      });
    }
    range
      .row()
      .text({ text: texts.previewButton, payload: selectionPayload }, async (ctx) => {
        const selected = selectedForm(ctx);
        if (!selected || !ctx.chat) return showList(pages, ctx);
        const questions = ctx.services.forms.questions(selected.id);
        const [first] = questions;
        if (first) {
          const step = { kind: "ask", form: selected, question: first, current: null, first: true } as const;
          await sendFormOutcome(ctx.api, ctx.chat.id, step, fieldsFor(ctx), formReaderOf(ctx));
        }
        // The question's own keyboard replaced the 🔐Admin one: give it back.
        await ctx.reply(fillTemplate(texts.previewDone, { name: selected.name, count: questions.length }), {
          reply_markup: adminKeyboard,
        });
      })
      .text({ text: texts.resultsButton, payload: selectionPayload }, async (ctx) => {
        const selected = selectedForm(ctx);
        if (!selected) return showList(pages, ctx);
        const { forms } = ctx.services;
        const counts = {
          name: selected.name,
          ...forms.tally(selected.id),
          runs: forms.countRuns(selected.id),
        };
        await ctx.reply(fillTemplate(texts.resultsText, counts));
        await ctx.replyWithDocument(
          new InputFile(formResultsCsv(forms, selected.id), `form-${selected.id}-results.csv`),
          { caption: fillTemplate(texts.resultsCaption, { name: selected.name }) },
        );
      });
    if (form.builtIn === null) {
      range.text({ text: texts.deleteButton, payload: selectionPayload }, async (ctx) =>
        selectedForm(ctx) ? pages.show(ctx, deletePageId) : showList(pages, ctx),
      );
    }
    range.row();
  };

  const detail = pages.create(formPageId, formText);
  detail.dynamic((ctx, range) => {
    const form = selectedForm(ctx);
    if (form) addDetailButtons(range, form);
    range.text({ text: shared.admin.back, payload: selectionPayload }, (ctx) => showList(pages, ctx));
  });

  const questionPage = formQuestionPage(pages, {
    showForm: (ctx, formId) => {
      setListState(ctx, { page: decodeListState(ctx.match).page, selection: String(formId) });
      return pages.show(ctx, orderPageId);
    },
    showList: (ctx) => showList(pages, ctx),
  });

  const order = pages.create(orderPageId, (ctx) => {
    const form = selectedForm(ctx);
    return form ? fillTemplate(texts.orderTitle, { name: form.name }) : texts.gone;
  });
  order.dynamic((ctx, range) => {
    const form = selectedForm(ctx);
    const questions = form ? ctx.services.forms.questions(form.id) : [];
    questions.forEach((question, i) => {
      const act =
        (change: (ctx: AdminMenuContext, formId: number) => unknown) => async (ctx: AdminMenuContext) => {
          const selected = selectedForm(ctx);
          if (!selected) return showList(pages, ctx);
          change(ctx, selected.id);
          await pages.refresh(ctx, orderPageId);
        };
      range
        .text({ text: `${i + 1}. ${question.prompt.slice(0, 40)}`, payload: selectionPayload }, (ctx) => {
          const selected = selectedForm(ctx);
          if (!selected) return showList(pages, ctx);
          return questionPage.show(ctx, selected.id, question.id);
        })
        .row()
        .text(
          { text: "⬆", payload: selectionPayload },
          act((ctx, formId) =>
            moveQuestion(ctx.services, actorOf(ctx), { formId, questionId: question.id, by: -1 }),
          ),
        )
        .text(
          { text: "⬇", payload: selectionPayload },
          act((ctx, formId) =>
            moveQuestion(ctx.services, actorOf(ctx), { formId, questionId: question.id, by: 1 }),
          ),
        )
        .text(
          { text: "🗑", payload: selectionPayload },
          act((ctx, formId) =>
            removeQuestion(ctx.services, actorOf(ctx), { formId, questionId: question.id }),
          ),
        )
        .row();
    });
    range.text({ text: shared.admin.back, payload: selectionPayload }, (ctx) =>
      selectedForm(ctx) ? pages.show(ctx, formPageId) : showList(pages, ctx),
    );
  });

  const confirm = pages.create(deletePageId, (ctx) => {
    const form = selectedForm(ctx);
    return form ? fillTemplate(texts.confirmDelete, { name: form.name }) : texts.gone;
  });
  confirm
    .text({ text: () => texts.confirmYes, payload: selectionPayload }, async (ctx) => {
      const selected = selectedForm(ctx);
      if (selected) deleteForm(ctx.services, actorOf(ctx), selected.id);
      await showList(pages, ctx);
    })
    .text({ text: () => texts.confirmNo, payload: selectionPayload }, (ctx) => pages.show(ctx, formPageId));

  async function newForm(conversation: AdminConversation, ctx: Context): Promise<void> {
    const name = await ask(conversation, ctx, texts.askName, (message) => {
      const text = parseText(message);
      if (!text.ok) return text;
      const trimmed = text.value.text.trim();
      return trimmed.length > 64 ? refuse(texts.askName) : accept(trimmed);
    });
    await asAdmin(conversation, async (octx) => {
      const form = createForm(octx.services, actorOf(octx), { name });
      await octx.reply(
        fillTemplate(texts.created, { name: form.name, link: startLink(octx.me.username, form.code) }),
      );
      octx.match = encodeListState({ page: 0, selection: String(form.id) });
      await pages.send(octx, formPageId);
    });
  }

  async function newQuestion(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    if (typeof arg !== "number") return;
    const formId = arg;
    const kind = await ask(conversation, ctx, fillTemplate(texts.askKind, { kinds: kindList }), parseKind);
    const fields = Object.keys(profileFieldKinds).join(", ");
    const target = await ask(conversation, ctx, fillTemplate(texts.askTarget, { fields }), parseTarget(kind));
    const prompt = await ask(conversation, ctx, texts.askPrompt, parsePrompt);
    const choices = kind === "choice" ? await ask(conversation, ctx, texts.askChoices, parseChoices) : [];
    const required = await ask(conversation, ctx, texts.askRequired, parseYesNo);
    const reask = await ask(conversation, ctx, texts.askReask, parseOptionalText);
    await asAdmin(conversation, async (octx) => {
      const question = { kind, ...target, prompt, choices, required, reask };
      const added = addQuestion(octx.services, actorOf(octx), { formId, question });
      await octx.reply(fillTemplate(texts.questionAdded, { prompt: added.prompt }));
      octx.match = encodeListState({ page: 0, selection: String(formId) });
      await pages.send(octx, formPageId);
    });
  }

  /** Asks for one setting of the form in `arg`, then saves it through changeForm and shows the form. */
  function settingConversation(
    ask: (conversation: AdminConversation, ctx: Context, form: FormRecord) => Promise<FormInput>,
  ) {
    return async (conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> => {
      if (typeof arg !== "number") return;
      const formId = arg;
      const form = await conversation.external((octx) => octx.services.forms.find(formId));
      if (!form) {
        await ctx.reply(texts.gone);
        return;
      }
      const changes = await ask(conversation, ctx, form);
      await asAdmin(conversation, async (octx) => {
        changeForm(octx.services, actorOf(octx), { formId, changes });
        await octx.reply(texts.saved);
        octx.match = encodeListState({ page: 0, selection: String(formId) });
        await pages.send(octx, formPageId);
      });
    };
  }

  const askTag = settingConversation(async (conversation, ctx, form) => {
    const prompt = fillTemplate(texts.askTag, { name: form.name, tag: form.completionTag ?? texts.noTag });
    const completionTag = await ask(conversation, ctx, prompt, parseTag);
    return { completionTag };
  });

  const askExpiry = settingConversation(async (conversation, ctx, form) => {
    const prompt = fillTemplate(texts.askExpiry, { name: form.name, minutes: form.expiryMinutes });
    const expiryMinutes = await ask(conversation, ctx, prompt, parseExpiry);
    return { expiryMinutes };
  });

  const askTexts = settingConversation(async (conversation, ctx, form) => {
    const intro = await ask(
      conversation,
      ctx,
      fillTemplate(texts.askIntro, {
        name: form.name,
        now: form.intro ?? fillTemplate(formTexts.intro, { name: form.name }),
      }),
      parseOptionalText,
    );
    const doneText = await ask(
      conversation,
      ctx,
      fillTemplate(texts.askDone, { name: form.name, now: form.doneText ?? formTexts.done }),
      parseOptionalText,
    );
    return { intro, doneText };
  });

  return [
    { id: newFormConversation, builder: newForm },
    { id: addQuestionConversation, builder: newQuestion },
    { id: tagConversation, builder: askTag },
    { id: expiryConversation, builder: askExpiry },
    { id: textsConversation, builder: askTexts },
    ...questionPage.conversations,
  ];
};
