import type { z } from "@hono/zod-openapi";
import { GrammyError, HttpError } from "grammy";
import {
  addQuestion,
  changeForm,
  createForm,
  deleteForm,
  type FormInput,
  removeQuestion,
  reorderQuestions,
  sendForm,
} from "../../features/forms/form-commands.js";
import { FormNotFoundError } from "../../features/forms/form-errors.js";
import { sendFormOutcome } from "../../features/forms/form-messages.js";
import { formReader } from "../../features/forms/form-reader.js";
import type { FormQuestionRecord, FormRecord } from "../../features/forms/form-repository.js";
import { formResultColumns, formResultsCsv } from "../../features/forms/form-results-csv.js";
import { profileForm } from "../../features/forms/profile-form.js";
import { startLink } from "../../features/gate/start-payload.js";
import { fieldsOfSnapshot } from "../../features/personalization/recipient-fields.js";
import { recipientSnapshot } from "../../features/personalization/recipient-snapshot.js";
import { classifyTelegramError } from "../../telegram/errors.js";
import { actorOf } from "../actor.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { botIdentity } from "../bot-identity.js";
import { csvDownload, csvResponse } from "../csv-download.js";
import { errorResponses } from "../errors.js";
import { bearerRoutes, jsonBody, jsonResponse } from "../schemas.js";
import {
  formListSchema,
  formPatchBody,
  formSchema,
  idParams,
  newFormBody,
  newQuestionBody,
  orderBody,
  questionParams,
  questionSchema,
  resultsSchema,
  startBody,
  startSchema,
} from "./forms-schemas.js";

// --- routes

const route = bearerRoutes(["Forms"]);

const listRoute = route({
  method: "get",
  path: "/forms",
  summary: "Every form with its questions (the /profile form is created here if it does not exist yet)",
  responses: { 200: jsonResponse(formListSchema, "The forms, oldest first"), ...errorResponses(401, 503) },
});

const getRoute = route({
  method: "get",
  path: "/forms/{id}",
  summary: "One form with its questions",
  request: { params: idParams },
  responses: { 200: jsonResponse(formSchema, "The form"), ...errorResponses(400, 401, 404, 503) },
});

const createFormRoute = route({
  method: "post",
  path: "/forms",
  summary: "Create a form, without questions yet; it gets its own start link (audited as `api`)",
  request: { body: jsonBody(newFormBody) },
  responses: { 201: jsonResponse(formSchema, "The form"), ...errorResponses(400, 401, 413, 415, 503) },
});

const patchRoute = route({
  method: "patch",
  path: "/forms/{id}",
  summary: "Change a form's name, texts, completion tag or expiry (audited as `api`)",
  request: { params: idParams, body: jsonBody(formPatchBody) },
  responses: {
    200: jsonResponse(formSchema, "The form after the change"),
    ...errorResponses(400, 401, 404, 413, 415, 503),
  },
});

const deleteRoute = route({
  method: "delete",
  path: "/forms/{id}",
  summary: "Delete a form with its answers; values written to profiles stay (audited as `api`)",
  request: { params: idParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 404, 422) },
});

const addQuestionRoute = route({
  method: "post",
  path: "/forms/{id}/questions",
  summary: "Add a question at the end of a form (audited as `api`)",
  request: { params: idParams, body: jsonBody(newQuestionBody) },
  responses: {
    201: jsonResponse(questionSchema, "The question"),
    ...errorResponses(400, 401, 404, 413, 415, 503),
  },
});

const removeQuestionRoute = route({
  method: "delete",
  path: "/forms/{id}/questions/{question_id}",
  summary: "Remove a question and its answers (audited as `api`)",
  request: { params: questionParams },
  responses: { 204: { description: "Removed" }, ...errorResponses(400, 401, 404) },
});

const orderRoute = route({
  method: "put",
  path: "/forms/{id}/questions/order",
  summary: "Put the questions in a new order (audited as `api`)",
  request: { params: idParams, body: jsonBody(orderBody) },
  responses: {
    200: jsonResponse(formSchema, "The form in its new order"),
    ...errorResponses(400, 401, 404, 413, 415, 503),
  },
});

const startRoute = route({
  method: "post",
  path: "/forms/{id}/start",
  summary: "Start the form for a bot user: the bot sends its first question (audited as `api`)",
  request: { params: idParams, body: jsonBody(startBody) },
  responses: {
    200: jsonResponse(startSchema, "The form is open for the user"),
    ...errorResponses(400, 401, 404, 413, 415, 422, 503),
  },
});

const resultsRoute = route({
  method: "get",
  path: "/forms/{id}/results",
  summary: "How many users answered and finished the form",
  request: { params: idParams },
  responses: { 200: jsonResponse(resultsSchema, "The counts"), ...errorResponses(400, 401, 404, 503) },
});

const resultsCsvRoute = route({
  method: "get",
  path: "/forms/{id}/results.csv",
  summary: "Every run of the form with its answers as CSV (streamed)",
  request: { params: idParams },
  responses: {
    200: csvResponse(`${formResultColumns.join(", ")}, then one column per question named by its target`),
    ...errorResponses(400, 401, 404),
  },
});

// --- mapping

function toQuestionJson(q: FormQuestionRecord): z.infer<typeof questionSchema> {
  return {
    id: q.id,
    position: q.position,
    kind: q.kind,
    target_kind: q.targetKind,
    target: q.target,
    prompt: q.prompt,
    reask: q.reask,
    required: q.required,
    choices: q.choices,
  };
}

type FormInputBody = z.infer<typeof formPatchBody>;

function formInputOf(body: FormInputBody): FormInput {
  return {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.intro !== undefined && { intro: body.intro }),
    ...(body.done_text !== undefined && { doneText: body.done_text }),
    ...(body.completion_tag !== undefined && { completionTag: body.completion_tag }),
    ...(body.expiry_minutes !== undefined && { expiryMinutes: body.expiry_minutes }),
  };
}

export function registerFormRoutes(api: ApiApp, deps: HttpDeps): void {
  const { services } = deps;

  const found = (id: number): FormRecord => {
    const form = services.forms.find(id);
    if (!form) throw new FormNotFoundError(`Form ${id}`);
    return form;
  };
  const toFormJson = async (form: FormRecord): Promise<z.infer<typeof formSchema>> => ({
    id: form.id,
    name: form.name,
    code: form.code,
    link: startLink((await botIdentity(deps)).username, form.code),
    built_in: form.builtIn,
    intro: form.intro,
    done_text: form.doneText,
    completion_tag: form.completionTag,
    expiry_minutes: form.expiryMinutes,
    created_at: form.createdAt.toISOString(),
    questions: services.forms.questions(form.id).map(toQuestionJson),
  });

  api.openapi(listRoute, async (c) => {
    profileForm(services);
    const forms = await Promise.all(services.forms.list().map(toFormJson));
    return c.json({ forms }, 200);
  });

  api.openapi(getRoute, async (c) => c.json(await toFormJson(found(c.req.valid("param").id)), 200));

  api.openapi(createFormRoute, async (c) => {
    await botIdentity(deps);
    const body = c.req.valid("json");
    const form = createForm(services, actorOf(c), { ...formInputOf(body), name: body.name });
    return c.json(await toFormJson(form), 201);
  });

  api.openapi(patchRoute, async (c) => {
    await botIdentity(deps);
    const form = changeForm(services, actorOf(c), {
      formId: c.req.valid("param").id,
      changes: formInputOf(c.req.valid("json")),
    });
    return c.json(await toFormJson(form), 200);
  });

  api.openapi(deleteRoute, (c) => {
    deleteForm(services, actorOf(c), c.req.valid("param").id);
    return c.body(null, 204);
  });

  api.openapi(addQuestionRoute, (c) => {
    const body = c.req.valid("json");
    const question = addQuestion(services, actorOf(c), {
      formId: c.req.valid("param").id,
      question: {
        kind: body.kind,
        targetKind: body.target_kind,
        target: body.target,
        prompt: body.prompt,
        ...(body.required !== undefined && { required: body.required }),
        ...(body.reask !== undefined && { reask: body.reask }),
        ...(body.choices !== undefined && { choices: body.choices }),
      },
    });
    return c.json(toQuestionJson(question), 201);
  });

  api.openapi(removeQuestionRoute, (c) => {
    const { id, question_id } = c.req.valid("param");
    removeQuestion(services, actorOf(c), { formId: id, questionId: question_id });
    return c.body(null, 204);
  });

  api.openapi(orderRoute, async (c) => {
    await botIdentity(deps);
    const formId = c.req.valid("param").id;
    reorderQuestions(services, actorOf(c), { formId, questionIds: c.req.valid("json").question_ids });
    return c.json(await toFormJson(found(formId)), 200);
  });

  api.openapi(startRoute, async (c) => {
    const formId = c.req.valid("param").id;
    const userId = c.req.valid("json").user_id;
    const step = sendForm(services, actorOf(c), { formId, userId });
    // sendForm refuses anyone who is not an active user: the user is there.
    const user = services.users.find(userId) as NonNullable<ReturnType<typeof services.users.find>>;
    const fields = fieldsOfSnapshot(recipientSnapshot(services, user));
    try {
      await sendFormOutcome(deps.telegram, userId, step, fields, formReader(services.variants, user));
    } catch (error) {
      if (!(error instanceof GrammyError || error instanceof HttpError)) throw error;
      // The form is open all the same: a user who cannot be reached now may still answer later.
      const failure = classifyTelegramError(error);
      return c.json({ user_id: userId, delivered: false, telegram_error: failure.description }, 200);
    }
    return c.json({ user_id: userId, delivered: true, telegram_error: null }, 200);
  });

  api.openapi(resultsRoute, (c) => {
    const form = found(c.req.valid("param").id);
    return c.json(
      { form_id: form.id, ...services.forms.tally(form.id), runs: services.forms.countRuns(form.id) },
      200,
    );
  });

  api.openapi(resultsCsvRoute, (c) => {
    const form = found(c.req.valid("param").id);
    return csvDownload(c, formResultsCsv(services.forms, form.id), `form-${form.id}-results.csv`);
  });
}
