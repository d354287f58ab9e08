import { afterEach, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../src/db/client.js";
import { apiActor } from "../../src/features/audit/audit-log.js";
import { AuditLog } from "../../src/features/audit/audit-repository.js";
import { subscribeUser } from "../../src/features/topics/subscriptions.js";
import { createTopic } from "../../src/features/topics/topic-commands.js";
import { TopicRepository } from "../../src/features/topics/topic-repository.js";
import { mergeImportedContact } from "../../src/features/users/merge.js";
import { createTestDatabase } from "../support/test-database.js";
import { insertImportedContact, insertUser } from "../support/user-factory.js";

const now = new Date("2026-06-01T12:00:00.000Z");
let database: OpenDatabase;
afterEach(() => database.close());

describe("merging an imported contact", () => {
  it("when the imported contact follows topics, then the Telegram user follows them after the merge, keeping their own sources", () => {
    database = createTestDatabase();
    const { db } = database;
    const services = {
      db,
      topics: new TopicRepository(db),
      audit: new AuditLog(db, () => now),
      now: () => now,
    };
    insertImportedContact(db, { id: -5, phone: "+60123456789" }, now);
    insertUser(db, { id: 42, status: "active" }, now);
    const news = createTopic(services, apiActor, { name: "News" });
    const deals = createTopic(services, apiActor, { name: "Deals" });
    subscribeUser(services, apiActor, { userId: -5, topic: { id: news.id }, source: "api" });
    subscribeUser(services, apiActor, { userId: -5, topic: { id: deals.id }, source: "api" });
    subscribeUser(services, apiActor, { userId: 42, topic: { id: deals.id }, source: "user" });
    mergeImportedContact({ db }, { fromId: -5, intoId: 42 });
    expect(services.topics.subscriptionsOf(42).map((s) => [s.topic.name, s.source])).toEqual([
      ["Deals", "user"],
      ["News", "api"],
    ]);
    expect(services.topics.subscriptionsOf(-5)).toEqual([]);
  });
});
