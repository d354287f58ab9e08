import { z } from "@hono/zod-openapi";
import { pollResults } from "../../features/mailing/poll.js";
import {
  addStep,
  createSequence,
  deleteSequence,
  editSequence,
  editStep,
  moveStep,
  removeStep,
} from "../../features/sequences/sequence-commands.js";
import { subscribe, subscribeSegment, unsubscribe } from "../../features/sequences/subscription-commands.js";
import { actorOf } from "../actor.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { ApiError, errorResponses, notFound } from "../errors.js";
import { bearerRoutes, count, jsonBody, jsonResponse } from "../schemas.js";
import {
  newSequenceBody,
  sequenceJson,
  sequenceListSchema,
  sequencePatchBody,
  sequenceSchema,
  settingsInput,
  statsJson,
  statsSchema,
  stepBody,
  stepInput,
  stepJson,
  stepSchema,
  subscriptionJson,
  subscriptionListSchema,
  subscriptionSchema,
} from "./sequences-schemas.js";
import { userIdParams } from "./users/schemas.js";

const wholeId = (description: string) =>
  z
    .string()
    .regex(/^\d{1,12}$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int())
    .meta({ description, example: "1" });

const sequenceParams = z.object({ id: wholeId("The sequence id") });
const stepParams = z.object({ id: wholeId("The sequence id"), step_id: wholeId("The step id") });
const subscriptionParams = userIdParams.extend({ sequence_id: wholeId("The sequence id") });

const route = bearerRoutes(["Sequences"]);

const listRoute = route({
  method: "get",
  path: "/sequences",
  summary: "Sequences (drip campaigns) with their steps",
  responses: { 200: jsonResponse(sequenceListSchema, "All sequences"), ...errorResponses(401, 503) },
});
const getRoute = route({
  method: "get",
  path: "/sequences/{id}",
  summary: "One sequence with its steps",
  request: { params: sequenceParams },
  responses: { 200: jsonResponse(sequenceSchema, "The sequence"), ...errorResponses(400, 401, 404, 503) },
});
const createSequenceRoute = route({
  method: "post",
  path: "/sequences",
  summary: "Create a sequence (disabled unless `enabled`; audited as `api`)",
  request: { body: jsonBody(newSequenceBody) },
  responses: {
    201: jsonResponse(sequenceSchema, "The sequence"),
    ...errorResponses(400, 401, 413, 415, 503),
  },
});
const patchRoute = route({
  method: "patch",
  path: "/sequences/{id}",
  summary: "Change a sequence's settings: name, enabled, triggers, resubscribe mode, stop button (audited)",
  request: { params: sequenceParams, body: jsonBody(sequencePatchBody) },
  responses: {
    200: jsonResponse(sequenceSchema, "The sequence after the change"),
    ...errorResponses(400, 401, 404, 413, 415, 503),
  },
});
const deleteRoute = route({
  method: "delete",
  path: "/sequences/{id}",
  summary: "Delete a sequence with its steps and subscriptions (audited)",
  request: { params: sequenceParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 404) },
});
const addStepRoute = route({
  method: "post",
  path: "/sequences/{id}/steps",
  summary: "Append a step: a text, a copied message or an album, its delay and sending window (audited)",
  request: { params: sequenceParams, body: jsonBody(stepBody) },
  responses: {
    201: jsonResponse(stepSchema, "The step"),
    ...errorResponses(400, 401, 404, 413, 415, 503),
  },
});
const editStepRoute = route({
  method: "put",
  path: "/sequences/{id}/steps/{step_id}",
  summary: "Replace a step; subscribers who got it keep what they got (audited)",
  request: { params: stepParams, body: jsonBody(stepBody) },
  responses: {
    200: jsonResponse(stepSchema, "The step"),
    ...errorResponses(400, 401, 404, 413, 415, 503),
  },
});
const removeStepRoute = route({
  method: "delete",
  path: "/sequences/{id}/steps/{step_id}",
  summary: "Remove a step; subscribers waiting for a later one keep their place (audited)",
  request: { params: stepParams },
  responses: { 204: { description: "Removed" }, ...errorResponses(400, 401, 404) },
});
const moveBody = z
  .object({
    position: z
      .number()
      .int()
      .min(0)
      .meta({ description: "The step's new position, 0 for the first", example: 0 }),
  })
  .strict()
  .meta({ id: "SequenceStepMove" });

const moveStepRoute = route({
  method: "put",
  path: "/sequences/{id}/steps/{step_id}/position",
  summary: "Move a step to another position, shifting those between (audited)",
  request: { params: stepParams, body: jsonBody(moveBody) },
  responses: {
    200: jsonResponse(z.object({ steps: z.array(stepSchema) }), "The steps in their new order"),
    ...errorResponses(400, 401, 404, 413, 415, 503),
  },
});

const stepPollSchema = z
  .object({
    step_id: z.number().int(),
    question: z.string(),
    quiz: z.boolean(),
    voters: count.meta({ description: "Subscribers who answered (a retracted vote no longer counts)" }),
    options: z.array(
      z.object({
        option: z.number().int().meta({ description: "The option's number, from 1" }),
        text: z.string(),
        votes: count,
        percent: z.number().meta({ description: "Share of the voters, one decimal" }),
        correct: z.boolean().meta({ description: "A quiz's right option" }),
      }),
    ),
  })
  .meta({ id: "SequenceStepPollResults" });

const stepPollRoute = route({
  method: "get",
  path: "/sequences/{id}/steps/{step_id}/poll",
  summary: "A poll step's results: votes and share of the voters per option",
  request: { params: stepParams },
  responses: {
    200: jsonResponse(stepPollSchema, "The results as the answers stand now"),
    ...errorResponses(400, 401, 404, 409, 503),
  },
});

const statsRoute = route({
  method: "get",
  path: "/sequences/{id}/stats",
  summary: "Subscribers by status, and per step: sent, failed, unknown, clicks, poll voters, unsubscribes",
  request: { params: sequenceParams },
  responses: { 200: jsonResponse(statsSchema, "The numbers"), ...errorResponses(400, 401, 404, 503) },
});
const segmentBody = z
  .object({
    segment: z.string().min(1).max(2000).meta({
      description: "Who, as a segment (`tag:trial lang:en`)",
      example: "tag:trial",
    }),
  })
  .strict()
  .meta({ id: "SequenceSegmentSubscription" });

const segmentRoute = route({
  method: "post",
  path: "/sequences/{id}/subscribers",
  summary: "Subscribe every live bot user a segment selects, in one go (audited once, with the count)",
  request: { params: sequenceParams, body: jsonBody(segmentBody) },
  responses: {
    200: jsonResponse(z.object({ subscribed: z.number().int() }), "How many were subscribed (or came back)"),
    ...errorResponses(400, 401, 404, 413, 415, 503),
  },
});

const userListRoute = route({
  method: "get",
  path: "/users/{id}/sequences",
  summary: "The user's sequences: status, next step and when it is due",
  request: { params: userIdParams },
  responses: {
    200: jsonResponse(subscriptionListSchema, "The subscriptions"),
    ...errorResponses(400, 401, 404, 503),
  },
});
const subscribeRoute = route({
  method: "put",
  path: "/users/{id}/sequences/{sequence_id}",
  summary: "Subscribe the user (a returning one restarts or resumes as the sequence says; audited)",
  request: { params: subscriptionParams },
  responses: {
    200: jsonResponse(subscriptionSchema, "The subscription"),
    ...errorResponses(400, 401, 404, 422, 503),
  },
});
const unsubscribeRoute = route({
  method: "delete",
  path: "/users/{id}/sequences/{sequence_id}",
  summary: "Unsubscribe the user: no further step is sent (audited)",
  request: { params: subscriptionParams },
  responses: { 204: { description: "Unsubscribed" }, ...errorResponses(400, 401, 404) },
});

export function registerSequenceRoutes(api: ApiApp, deps: HttpDeps): void {
  const { services } = deps;
  const { sequences } = services;
  const full = (id: number) => {
    const sequence = sequences.find(id);
    if (!sequence) throw notFound(`Sequence ${id}`);
    return sequenceJson(sequence, sequences.steps(id));
  };

  api.openapi(listRoute, (c) =>
    c.json({ sequences: sequences.list().map((s) => sequenceJson(s, sequences.steps(s.id))) }, 200),
  );
  api.openapi(getRoute, (c) => c.json(full(c.req.valid("param").id), 200));
  api.openapi(createSequenceRoute, (c) => {
    const created = createSequence(services, actorOf(c), {
      ...settingsInput(c.req.valid("json")),
      name: c.req.valid("json").name,
    });
    return c.json(full(created.id), 201);
  });
  api.openapi(patchRoute, (c) => {
    const { id } = c.req.valid("param");
    editSequence(services, actorOf(c), id, settingsInput(c.req.valid("json")));
    return c.json(full(id), 200);
  });
  api.openapi(deleteRoute, (c) => {
    deleteSequence(services, actorOf(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
  api.openapi(addStepRoute, (c) => {
    const step = addStep(services, actorOf(c), c.req.valid("param").id, stepInput(c.req.valid("json")));
    return c.json(stepJson(step), 201);
  });
  api.openapi(editStepRoute, (c) => {
    const { id, step_id } = c.req.valid("param");
    return c.json(stepJson(editStep(services, actorOf(c), id, step_id, stepInput(c.req.valid("json")))), 200);
  });
  api.openapi(removeStepRoute, (c) => {
    const { id, step_id } = c.req.valid("param");
    removeStep(services, actorOf(c), id, step_id);
    return c.body(null, 204);
  });
  api.openapi(moveStepRoute, (c) => {
    const { id, step_id } = c.req.valid("param");
    const steps = moveStep(services, actorOf(c), id, step_id, c.req.valid("json").position);
    return c.json({ steps: steps.map(stepJson) }, 200);
  });
  api.openapi(stepPollRoute, (c) => {
    const { id, step_id } = c.req.valid("param");
    const step = sequences.steps(id).find((s) => s.id === step_id);
    if (!step) throw notFound(`Step ${step_id} of sequence ${id}`);
    if (step.content.type !== "poll") throw new ApiError(409, "not_a_poll", `Step ${step_id} is not a poll`);
    const { voters, counts } = services.stepPolls.tally(step_id);
    const results = pollResults(step.content, counts, voters);
    return c.json(
      { step_id, question: results.question, quiz: results.quiz, voters, options: results.rows },
      200,
    );
  });
  api.openapi(statsRoute, (c) => {
    const { id } = c.req.valid("param");
    if (!sequences.find(id)) throw notFound(`Sequence ${id}`);
    return c.json(statsJson(sequences.stats(id)), 200);
  });
  api.openapi(segmentRoute, (c) => {
    const { id } = c.req.valid("param");
    const subscribed = subscribeSegment(services, actorOf(c), {
      sequenceId: id,
      segment: c.req.valid("json").segment,
    });
    return c.json({ subscribed }, 200);
  });
  api.openapi(userListRoute, (c) => {
    const { id } = c.req.valid("param");
    if (!services.users.find(id)) throw notFound(`User ${id}`);
    const names = new Map(sequences.list().map((s) => [s.id, s.name]));
    const subscriptions = sequences
      .subscriptionsOf(id)
      .map((sub) => subscriptionJson(sub, names.get(sub.sequenceId) ?? ""));
    return c.json({ subscriptions }, 200);
  });
  api.openapi(subscribeRoute, (c) => {
    const { id, sequence_id } = c.req.valid("param");
    const sub = subscribe(services, actorOf(c), { sequenceId: sequence_id, userId: id });
    return c.json(subscriptionJson(sub, sequences.find(sequence_id)?.name ?? ""), 200);
  });
  api.openapi(unsubscribeRoute, (c) => {
    const { id, sequence_id } = c.req.valid("param");
    if (!unsubscribe(services, actorOf(c), { sequenceId: sequence_id, userId: id }))
      throw notFound(`An active subscription of user ${id} to sequence ${sequence_id}`);
    return c.body(null, 204);
  });
}
