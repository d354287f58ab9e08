import { afterEach, describe, expect, it } from "vitest";
import { type UserSort, userSorts } from "../../src/features/users/user-sorts.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { insertUser, type UserSeed } from "../support/user-factory.js";

let h: ApiHarness;
afterEach(() => h?.close());

const hour = 3_600_000;
const base = Date.UTC(2026, 0, 1);

/**
 * Users whose every sortable column has ties and, where it can, blanks: names differing only in
 * case, no first name (the Dear User), no username, no language, unregistered, shared times.
 * Texts are ASCII, so code-point order is every database's order and lower() means the same.
 */
function seedUsers(): UserSeed[] {
  const firstNames = ["Anna", "anna", "Bob", null, "  ", "Zoe", "bob"];
  const lastNames = [null, "Marley", "Archer", ""];
  const usernames = ["alice", null, "Alice", "bob_1", "bob", null];
  const chosen = [null, "ru", null, "es"];
  const codes = ["en", null, "ru", "en", null];
  const statuses = ["pending", "active", "banned", "active"] as const;
  const seeds: UserSeed[] = [];
  for (let n = 0; n < 23; n++) {
    // Telegram ids, and a few imported contacts' negative surrogates, out of step with the other columns.
    const id = n % 6 === 5 ? -(n + 1) : 1000 + ((n * 37) % 23) * 11;
    seeds.push({
      id,
      firstName: firstNames[n % firstNames.length],
      lastName: lastNames[n % lastNames.length],
      username: usernames[n % usernames.length],
      language: chosen[n % chosen.length],
      languageCode: codes[n % codes.length],
      status: statuses[n % statuses.length],
      deadAt: n % 5 === 0 ? new Date(base) : null,
      firstSeenAt: new Date(base + (n % 4) * hour),
      registeredAt: n % 3 === 0 ? null : new Date(base + (n % 2) * hour),
      lastSeenAt: new Date(base + ((n * 7) % 5) * hour),
    });
  }
  return seeds;
}

/** The value a sort orders a seeded user by, as the API documents it (null: none, last). */
function sortValueOf(seed: UserSeed, sort: UserSort): string | number | null {
  const first = seed.firstName?.trim() ?? "";
  switch (sort) {
    case "id":
      return seed.id;
    case "name":
      return first === "" ? null : `${first} ${seed.lastName ?? ""}`.trim().toLowerCase();
    case "username":
      return seed.username?.toLowerCase() ?? null;
    case "language":
      return seed.language ?? seed.languageCode ?? null;
    case "status":
      return seed.deadAt ? "dead" : (seed.status ?? "pending");
    case "created_at":
      return seed.firstSeenAt?.getTime() ?? null;
    case "registered_at":
      return seed.registeredAt?.getTime() ?? null;
    case "last_seen_at":
      return seed.lastSeenAt?.getTime() ?? null;
  }
}

/** The ids of `seeds` in the documented order: by value, ties by id, the valueless last by id; all one way. */
function expectedOrder(seeds: UserSeed[], sort: UserSort, descending: boolean): number[] {
  const sign = descending ? -1 : 1;
  const compare = (a: UserSeed, b: UserSeed) => {
    const [x, y] = [sortValueOf(a, sort), sortValueOf(b, sort)];
    if (x === null || y === null) return x === y ? sign * (a.id - b.id) : x === null ? 1 : -1;
    if (x !== y) return sign * (x < y ? -1 : 1);
    return sign * (a.id - b.id);
  };
  return [...seeds].sort(compare).map((seed) => seed.id);
}

/** Every page of GET /api/users for `query`, following next_cursor; the ids in the order served. */
async function walk(query: string, limit: number): Promise<{ ids: number[]; totals: number[] }> {
  const ids: number[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const after: string = cursor === null ? "" : `&cursor=${cursor}`;
    const answer = await h.get(`/api/users?${query}&limit=${limit}${after}`);
    expect(answer.status, `${query}${after}`).toBe(200);
    ids.push(...answer.json.users.map((user: { id: number }) => user.id));
    totals.push(answer.json.total);
    cursor = answer.json.next_cursor;
    if (cursor === null) return { ids, totals };
  }
  throw new Error(`${query}: still a next_cursor after 50 pages`);
}

function seedAll(): UserSeed[] {
  const seeds = seedUsers();
  for (const seed of seeds) insertUser(h.services.db, seed, new Date(base));
  // A segment that keeps about half, blanks and ties included.
  for (const seed of seeds.filter((_, n) => n % 2 === 0))
    h.services.users.addTag(seed.id, "vip", new Date(base));
  return seeds;
}

describe("GET /api/users?sort=…&order=…", () => {
  it("when every sort is paged both ways, with and without a segment, then the pages together are the full sort: no user lost or repeated", async () => {
    h = createApiHarness();
    const seeds = seedAll();
    const vip = seeds.filter((_, n) => n % 2 === 0);
    for (const sort of userSorts) {
      for (const order of ["asc", "desc"] as const) {
        const descending = order === "desc";
        const everyone = await walk(`sort=${sort}&order=${order}`, 4);
        expect(everyone.ids, `${sort} ${order}`).toEqual(expectedOrder(seeds, sort, descending));
        expect(new Set(everyone.totals)).toEqual(new Set([seeds.length]));
        const segment = await walk(`q=${encodeURIComponent("tag:vip")}&sort=${sort}&order=${order}`, 3);
        expect(segment.ids, `tag:vip ${sort} ${order}`).toEqual(expectedOrder(vip, sort, descending));
        expect(new Set(segment.totals)).toEqual(new Set([vip.length]));
      }
    }
  });

  it("when neither sort nor order is given, then the users come in id order, as before", async () => {
    h = createApiHarness();
    const seeds = seedAll();
    const { ids } = await walk("", 5);
    expect(ids).toEqual(seeds.map((seed) => seed.id).sort((a, b) => a - b));
  });

  it("when a cursor is forged, or comes from another sort or order, then 400 invalid_cursor names query.cursor", async () => {
    h = createApiHarness();
    seedAll();
    const first = await h.get("/api/users?sort=username&order=desc&limit=2");
    const cursor = first.json.next_cursor as string;
    const json = JSON.parse(Buffer.from(cursor, "base64url").toString());
    const forge = (changes: object) =>
      Buffer.from(JSON.stringify({ ...json, ...changes })).toString("base64url");
    const refused = [
      ["sort=username&order=asc", cursor, /sort=username&order=desc/],
      ["sort=name&order=desc", cursor, /sort=username&order=desc/],
      ["sort=username&order=desc", forge({ id: "12" }), /not a cursor/],
      ["sort=username&order=desc", forge({ sort: "<b>email</b>" }), /^query.cursor: not a cursor/],
      ["sort=username&order=desc", forge({ value: 12 }), /not a username value/],
      [
        "sort=last_seen_at&order=desc",
        forge({ sort: "last_seen_at", value: null }),
        /not a last_seen_at value/,
      ],
      ["sort=username&order=desc", "e30", /not a cursor/],
      ["sort=username&order=desc", "%%%", /not a cursor/],
    ] as const;
    for (const [query, forged, message] of refused) {
      const answer = await h.get(`/api/users?${query}&cursor=${forged}`);
      expect(answer.status, `${query} ${forged}`).toBe(400);
      expect(answer.json.error).toMatchObject({
        code: "invalid_cursor",
        details: [{ path: "query.cursor" }],
      });
      expect(answer.json.error.message).toMatch(message);
    }
    const again = await h.get(`/api/users?sort=username&order=desc&limit=2&cursor=${cursor}`);
    expect(again.status).toBe(200);
  });

  it("when the sort or the order is not one the API knows, then 400 names the parameter", async () => {
    h = createApiHarness();
    for (const [query, path] of [
      ["sort=email", "query.sort"],
      ["sort=first_seen_at", "query.sort"],
      ["order=up", "query.order"],
    ]) {
      const answer = await h.get(`/api/users?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.details[0].path).toBe(path);
    }
  });
});
