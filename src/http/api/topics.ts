import { subscribeUser, unsubscribeUser } from "../../features/topics/subscriptions.js";
import { createTopic, deleteTopic, editTopic } from "../../features/topics/topic-commands.js";
import { TopicNotFoundError } from "../../features/topics/topic-errors.js";
import type { Subscription, TopicRecord } from "../../features/topics/topic-repository.js";
import { actorOf } from "../actor.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { notFound } from "../errors.js";
import * as routes from "./topics-schemas.js";
import { findUser } from "./users/request.js";

const toSubscriptionJson = (s: Subscription): routes.SubscriptionJson => ({
  topic: s.topic.name,
  description: s.topic.description,
  source: s.source,
  since: s.since.toISOString(),
});

/** Topics (`/topics`) and users' subscriptions to them (`/users/{id}/topics`). */
export function registerTopicRoutes(api: ApiApp, { services }: HttpDeps): void {
  const render = (topic: TopicRecord): routes.TopicJson => ({
    id: topic.id,
    name: topic.name,
    description: topic.description,
    subscribers: services.topics.subscriberCount(topic.id),
    created_at: topic.createdAt.toISOString(),
  });
  const topicNamed = (name: string): TopicRecord => {
    const topic = services.topics.findByName(name);
    if (!topic) throw new TopicNotFoundError(name);
    return topic;
  };
  const subscriptionOf = (userId: number, topicId: number) =>
    services.topics.subscriptionsOf(userId).find((s) => s.topic.id === topicId);

  api.openapi(routes.listTopics, (c) => c.json({ topics: services.topics.list().map(render) }, 200));

  api.openapi(routes.getTopic, (c) => c.json(render(topicNamed(c.req.valid("param").name)), 200));

  api.openapi(routes.createTopicRoute, (c) => {
    const body = c.req.valid("json");
    const created = createTopic(services, actorOf(c), {
      name: body.name,
      ...(body.description !== undefined && { description: body.description }),
    });
    return c.json(render(created), 201);
  });

  api.openapi(routes.patchTopic, (c) => {
    const topic = topicNamed(c.req.valid("param").name);
    const body = c.req.valid("json");
    const changes = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.description !== undefined && { description: body.description }),
    };
    return c.json(render(editTopic(services, actorOf(c), { id: topic.id, changes })), 200);
  });

  api.openapi(routes.deleteTopicRoute, (c) => {
    deleteTopic(services, actorOf(c), topicNamed(c.req.valid("param").name).id);
    return c.body(null, 204);
  });

  api.openapi(routes.listUserTopics, (c) => {
    const { id } = c.req.valid("param");
    findUser(services, id);
    return c.json({ topics: services.topics.subscriptionsOf(id).map(toSubscriptionJson) }, 200);
  });

  api.openapi(routes.getUserTopic, (c) => {
    const { id, name } = c.req.valid("param");
    findUser(services, id);
    const subscription = subscriptionOf(id, topicNamed(name).id);
    if (!subscription) throw notFound(`A subscription of user ${id} to ${name}`);
    return c.json(toSubscriptionJson(subscription), 200);
  });

  api.openapi(routes.putUserTopic, (c) => {
    const { id, name } = c.req.valid("param");
    const { topic } = subscribeUser(services, actorOf(c), { userId: id, topic: { name }, source: "api" });
    return c.json(toSubscriptionJson(subscriptionOf(id, topic.id) as Subscription), 200);
  });

  api.openapi(routes.deleteUserTopic, (c) => {
    const { id, name } = c.req.valid("param");
    findUser(services, id);
    unsubscribeUser(services, actorOf(c), { userId: id, topic: { name }, source: "api" });
    return c.body(null, 204);
  });
}
