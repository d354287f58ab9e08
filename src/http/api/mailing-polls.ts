import { createRoute, z } from "@hono/zod-openapi";
import { type PollContent, pollLimits, pollResults } from "../../features/mailing/poll.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { ApiError, errorResponses, notFound } from "../errors.js";
import { bearerSecurity, count, jsonResponse } from "../schemas.js";

/** A poll in a new mailing's body; option numbers count from 1, as in the results and segments. */
export const pollInput = z
  .object({
    question: z.string().min(1).max(pollLimits.questionLength),
    options: z
      .array(z.string().min(1).max(pollLimits.optionLength))
      .min(pollLimits.minOptions)
      .max(pollLimits.maxOptions),
    allows_multiple_answers: z.boolean().optional(),
    correct_options: z
      .array(z.number().int().min(1))
      .min(1)
      .optional()
      .meta({
        description: "Makes it a quiz: the numbers (from 1) of the right options",
        example: [2],
      }),
    explanation: z
      .string()
      .max(pollLimits.explanationLength)
      .optional()
      .meta({ description: "A quiz's explanation, shown after a wrong answer" }),
    attribute: z.string().optional().meta({
      description: "Each answer is also written to this attribute of the voter (the chosen options' texts)",
      example: "favourite_colour",
    }),
  })
  .strict()
  .meta({
    description:
      "A native poll sent to each recipient, never anonymous, so answers are kept per user (results: GET /api/mailings/{id}/poll)",
  });

/** A poll mailing's content as the API shows it. */
export const pollContentSchema = z.object({
  type: z.literal("poll"),
  question: z.string(),
  options: z.array(z.string()),
  allows_multiple_answers: z.boolean(),
  correct_options: z
    .array(z.number().int())
    .nullable()
    .meta({ description: "A quiz's right options; null: no quiz" }),
  explanation: z.string().nullable(),
  attribute: z.string().nullable(),
});

/** The stored poll from the request's `poll`; the verb checks the rest (quiz numbers, attribute key). */
export function pollContentFrom(input: z.infer<typeof pollInput>): PollContent {
  return {
    type: "poll",
    question: input.question,
    options: input.options,
    allowsMultipleAnswers: input.allows_multiple_answers ?? false,
    ...(input.correct_options && {
      quiz: {
        correctOptions: input.correct_options,
        ...(input.explanation !== undefined && { explanation: input.explanation }),
      },
    }),
    ...(input.attribute !== undefined && { attribute: input.attribute }),
  };
}

export function pollContentJson(poll: PollContent): z.infer<typeof pollContentSchema> {
  return {
    type: "poll",
    question: poll.question,
    options: poll.options,
    allows_multiple_answers: poll.allowsMultipleAnswers,
    correct_options: poll.quiz?.correctOptions ?? null,
    explanation: poll.quiz?.explanation ?? null,
    attribute: poll.attribute ?? null,
  };
}

const pollResultsSchema = z
  .object({
    mailing_id: z.number().int(),
    question: z.string(),
    quiz: z.boolean(),
    sent: count.meta({ description: "Recipients the poll was delivered to" }),
    voters: count.meta({ description: "Recipients who answered (a retracted vote no longer counts)" }),
    options: z.array(
      z.object({
        option: z
          .number()
          .int()
          .meta({ description: "The option's number, from 1: poll:<mailing id>=<option>" }),
        text: z.string(),
        votes: count,
        percent: z.number().meta({ description: "Share of the voters, one decimal" }),
        correct: z.boolean().meta({ description: "A quiz's right option" }),
      }),
    ),
  })
  .meta({ id: "PollResults" });

const resultsRoute = createRoute({
  method: "get",
  path: "/mailings/{id}/poll",
  tags: ["Mailings"],
  summary: "A poll mailing's results: votes and share of the voters per option",
  security: bearerSecurity,
  request: {
    params: z.object({
      id: z.coerce.number().int().positive().meta({ description: "The mailing id", example: 7 }),
    }),
  },
  responses: {
    200: jsonResponse(pollResultsSchema, "The results as the answers stand now"),
    ...errorResponses(400, 401, 404, 409),
  },
});

export function registerPollRoutes(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(resultsRoute, (c) => {
    const id = c.req.valid("param").id;
    const m = services.mailings.find(id);
    if (!m) throw notFound(`Mailing ${id}`);
    const content = m.payload.kind === "message" ? m.payload.content : undefined;
    if (content?.type !== "poll") throw new ApiError(409, "not_a_poll", `Mailing ${id} is not a poll`);
    const { voters, counts } = services.polls.tally(id);
    const results = pollResults(content, counts, voters);
    return c.json(
      {
        mailing_id: id,
        question: results.question,
        quiz: results.quiz,
        sent: m.sent,
        voters,
        options: results.rows,
      },
      200,
    );
  });
}
