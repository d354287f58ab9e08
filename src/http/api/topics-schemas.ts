import { createRoute, z } from "@hono/zod-openapi";
import { topicSources } from "../../db/schema/index.js";
import { maxTopicDescription, topicNamePattern } from "../../features/topics/topic-rules.js";
import { errorResponses } from "../errors.js";
import { bearerSecurity, count, jsonBody, jsonResponse } from "../schemas.js";
import { userIdParams } from "./users/schemas.js";

const topicSchema = z
  .object({
    id: z.number().int(),
    name: z.string().meta({ example: "News" }),
    description: z.string(),
    subscribers: count.meta({ description: "Users subscribed to it" }),
    created_at: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "Topic" });

const subscriptionSchema = z
  .object({
    topic: z.string().meta({ example: "News" }),
    description: z.string(),
    source: z.enum(topicSources).meta({ description: "What subscribed the user" }),
    since: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "TopicSubscription" });

const nameField = z
  .string()
  .refine((name) => topicNamePattern.test(name.trim()), {
    message: "1 to 32 letters, digits, _ and -, without spaces",
  })
  .meta({ description: "Unique regardless of case; segments name it as topic:<name>", example: "News" });
const descriptionField = z.string().max(maxTopicDescription);

const newTopicBody = z
  .object({ name: nameField, description: descriptionField.optional() })
  .strict()
  .meta({ id: "NewTopic" });
const topicPatchBody = z
  .object({ name: nameField.optional(), description: descriptionField.optional() })
  .strict()
  .meta({ id: "TopicPatch" });

const nameParams = z.object({
  name: z.string().meta({ description: "The topic's name, case aside", example: "News" }),
});
const userTopicParams = userIdParams.extend(nameParams.shape);

const tags = ["Topics"];

export const listTopics = createRoute({
  method: "get",
  path: "/topics",
  tags,
  summary: "Every topic, by name, with its subscriber count",
  security: bearerSecurity,
  responses: {
    200: jsonResponse(z.object({ topics: z.array(topicSchema) }).meta({ id: "TopicList" }), "The topics"),
    ...errorResponses(401, 503),
  },
});

export const getTopic = createRoute({
  method: "get",
  path: "/topics/{name}",
  tags,
  summary: "One topic",
  security: bearerSecurity,
  request: { params: nameParams },
  responses: { 200: jsonResponse(topicSchema, "The topic"), ...errorResponses(401, 404, 503) },
});

export const createTopicRoute = createRoute({
  method: "post",
  path: "/topics",
  tags,
  summary: "Create a topic (audited as `api`)",
  security: bearerSecurity,
  request: { body: jsonBody(newTopicBody) },
  responses: {
    201: jsonResponse(topicSchema, "The topic"),
    ...errorResponses(400, 401, 409, 413, 415, 503),
  },
});

export const patchTopic = createRoute({
  method: "patch",
  path: "/topics/{name}",
  tags,
  summary: "Rename or redescribe a topic; subscriptions stay (audited as `api`)",
  security: bearerSecurity,
  request: { params: nameParams, body: jsonBody(topicPatchBody) },
  responses: {
    200: jsonResponse(topicSchema, "The topic after the change"),
    ...errorResponses(400, 401, 404, 409, 413, 415, 503),
  },
});

export const deleteTopicRoute = createRoute({
  method: "delete",
  path: "/topics/{name}",
  tags,
  summary: "Delete a topic and every subscription to it (audited as `api`)",
  security: bearerSecurity,
  request: { params: nameParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 404, 503) },
});

export const listUserTopics = createRoute({
  method: "get",
  path: "/users/{id}/topics",
  tags,
  summary: "The topics a user is subscribed to",
  security: bearerSecurity,
  request: { params: userIdParams },
  responses: {
    200: jsonResponse(
      z.object({ topics: z.array(subscriptionSchema) }).meta({ id: "TopicSubscriptionList" }),
      "The subscriptions, by topic name",
    ),
    ...errorResponses(400, 401, 404, 503),
  },
});

export const getUserTopic = createRoute({
  method: "get",
  path: "/users/{id}/topics/{name}",
  tags,
  summary: "Whether the user is subscribed to the topic: the subscription, or 404",
  security: bearerSecurity,
  request: { params: userTopicParams },
  responses: {
    200: jsonResponse(subscriptionSchema, "The subscription"),
    ...errorResponses(400, 401, 404, 503),
  },
});

export const putUserTopic = createRoute({
  method: "put",
  path: "/users/{id}/topics/{name}",
  tags,
  summary: "Subscribe the user to the topic (source `api`; audited when new)",
  security: bearerSecurity,
  request: { params: userTopicParams },
  responses: {
    200: jsonResponse(subscriptionSchema, "The subscription (the first source is kept)"),
    ...errorResponses(400, 401, 404, 503),
  },
});

export const deleteUserTopic = createRoute({
  method: "delete",
  path: "/users/{id}/topics/{name}",
  tags,
  summary: "Unsubscribe the user from the topic (audited when they were subscribed)",
  security: bearerSecurity,
  request: { params: userTopicParams },
  responses: { 204: { description: "Not subscribed (any more)" }, ...errorResponses(400, 401, 404, 503) },
});

export type TopicJson = z.infer<typeof topicSchema>;
export type SubscriptionJson = z.infer<typeof subscriptionSchema>;
