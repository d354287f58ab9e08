import { describe, expect, it } from "vitest";
import { claimNewUserAlert, minuteOf } from "../../src/features/gate/alerts/claim-alert.js";
import { NewUserAlertRepository } from "../../src/features/gate/alerts/new-user-alert-repository.js";
import { UserRepository } from "../../src/features/users/user-repository.js";
import { createTestDatabase } from "../support/test-database.js";

const noon = new Date("2026-06-01T12:00:00Z");
const at = (seconds: number) => new Date(noon.getTime() + seconds * 1000);

function fresh() {
  const { db } = createTestDatabase();
  const deps = { db, users: new UserRepository(db), newUserAlerts: new NewUserAlertRepository(db) };
  let nextId = 1;
  const newcomer = (seconds: number, registration = { referrerId: null, campaignId: null }) => {
    const id = nextId++;
    deps.users.touch({ id, is_bot: false, first_name: `U${id}` }, at(seconds));
    deps.users.register(id, registration, at(seconds));
    return deps.users.find(id) as NonNullable<ReturnType<UserRepository["find"]>>;
  };
  return { deps, newcomer };
}

describe("new-user alert claims", () => {
  it("when newcomers exceed the quota, then the rest of the minute is digested by source and the next minute starts over", () => {
    const { deps, newcomer } = fresh();
    const routes = [0, 10, 20, 59].map((s) =>
      claimNewUserAlert(deps, { user: newcomer(s), at: at(s), individualPerMinute: 2 }),
    );
    expect(routes).toEqual(["individual", "individual", "digest", "digest"]);
    expect(claimNewUserAlert(deps, { user: newcomer(60), at: at(60), individualPerMinute: 2 })).toBe(
      "individual",
    );
    expect(deps.newUserAlerts.minute(noon)).toMatchObject({ alerted: 2, digested: 2 });
    expect(deps.newUserAlerts.sources(noon)).toEqual([{ source: "direct", count: 2 }]);
    expect(minuteOf(at(119.9))).toEqual(at(60));
  });

  it("when the same newcomer is claimed again, then they are counted once", () => {
    const { deps, newcomer } = fresh();
    const ann = newcomer(1);
    expect(claimNewUserAlert(deps, { user: ann, at: at(1), individualPerMinute: 0 })).toBe("digest");
    expect(claimNewUserAlert(deps, { user: ann, at: at(2), individualPerMinute: 0 })).toBeNull();
    expect(deps.newUserAlerts.minute(noon).digested).toBe(1);
  });

  it("when a newcomer is counted after the digest was read, or in a minute already final, then nobody is left out", () => {
    const { deps, newcomer } = fresh();
    claimNewUserAlert(deps, { user: newcomer(1), at: at(1), individualPerMinute: 0 });
    claimNewUserAlert(deps, { user: newcomer(2), at: at(2), individualPerMinute: 0 });
    expect(deps.newUserAlerts.finish(noon, 1, at(63))).toBe(false);
    expect(deps.newUserAlerts.finish(noon, 2, at(63))).toBe(true);
    // A process whose clock is behind still counts someone into the finished minute: they get their own alert.
    expect(claimNewUserAlert(deps, { user: newcomer(3), at: at(3), individualPerMinute: 0 })).toBe(
      "individual",
    );
    expect(deps.newUserAlerts.openDigestMinutes()).toEqual([]);
  });

  it("when old minutes are pruned, then finished ones and ones without a digest go, and a digest still to show stays", () => {
    const { deps, newcomer } = fresh();
    claimNewUserAlert(deps, { user: newcomer(1), at: at(1), individualPerMinute: 1 }); // 12:00, single alerts only
    claimNewUserAlert(deps, { user: newcomer(61), at: at(61), individualPerMinute: 0 }); // 12:01, finished below
    claimNewUserAlert(deps, { user: newcomer(121), at: at(121), individualPerMinute: 0 }); // 12:02, never shown (the process was down)
    deps.newUserAlerts.finish(at(60), 1, at(125));
    deps.newUserAlerts.prune(at(86_400 + 180));
    expect(deps.newUserAlerts.openDigestMinutes().map((m) => m.minuteStart)).toEqual([at(120)]);
    expect(deps.newUserAlerts.sources(at(60))).toEqual([]);
    expect(deps.newUserAlerts.minute(noon)).toMatchObject({ alerted: 0, digested: 0 });
  });
});
