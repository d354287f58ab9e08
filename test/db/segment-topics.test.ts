import { beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../src/db/client.js";
import { apiActor } from "../../src/features/audit/audit-log.js";
import { AuditLog } from "../../src/features/audit/audit-repository.js";
import { parseSegment } from "../../src/features/segments/segment.js";
import { SegmentRepository } from "../../src/features/segments/segment-repository.js";
import { subscribeUser } from "../../src/features/topics/subscriptions.js";
import { createTopic, deleteTopic, type TopicServices } from "../../src/features/topics/topic-commands.js";
import { TopicRepository } from "../../src/features/topics/topic-repository.js";
import { createTestDatabase } from "../support/test-database.js";
import { insertUser } from "../support/user-factory.js";

const now = new Date("2026-06-01T12:00:00.000Z");
let database: OpenDatabase;
let services: TopicServices;
let segments: SegmentRepository;

function count(text: string): number {
  const parsed = parseSegment(text);
  if (!parsed.ok) throw new Error(`${text} does not parse`);
  return segments.countSegment(parsed.tree);
}

beforeAll(() => {
  database = createTestDatabase();
  const { db } = database;
  services = { db, topics: new TopicRepository(db), audit: new AuditLog(db, () => now), now: () => now };
  segments = new SegmentRepository(db, { now: () => now, timeZone: () => "UTC" });
  for (const id of [1, 2, 3, 4])
    insertUser(db, { id, status: "active", languageCode: id === 1 ? "en" : "de" }, now);
  const news = createTopic(services, apiActor, { name: "News" });
  const deals = createTopic(services, apiActor, { name: "Deals" });
  createTopic(services, apiActor, { name: "Gone" });
  for (const userId of [1, 2, 3])
    subscribeUser(services, apiActor, { userId, topic: { id: news.id }, source: "api" });
  subscribeUser(services, apiActor, { userId: 3, topic: { id: deals.id }, source: "api" });
  subscribeUser(services, apiActor, { userId: 4, topic: { name: "gone" }, source: "api" });
  deleteTopic(services, apiActor, services.topics.findByName("gone")?.id ?? 0);
});

describe("segment topic:<name> over the database", () => {
  it("when a segment names a topic, then it counts that topic's subscribers, case aside", () => {
    expect(count("topic:News")).toBe(3);
    expect(count("topic:NEWS")).toBe(3);
    expect(count("topic:deals")).toBe(1);
  });

  it("when combined and negated, then it selects exactly the rest", () => {
    expect(count("topic:news lang:en")).toBe(1);
    expect(count("topic:news -topic:deals")).toBe(2);
    expect(count("-topic:news")).toBe(1);
    expect(count("topic:news | topic:deals")).toBe(3);
  });

  it("when the topic was deleted, then its subscriptions went with it and it selects nobody", () => {
    expect(count("topic:gone")).toBe(0);
    expect(count("topic:nosuch")).toBe(0);
  });
});
