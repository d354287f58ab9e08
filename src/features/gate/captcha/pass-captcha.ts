import type { Db } from "../../../db/client.js";
import { inTransaction } from "../../../db/in-transaction.js";
import type { UserRepository } from "../../users/user-repository.js";
import type { CaptchaRepository } from "./captcha-repository.js";

/** Records that a newcomer solved the captcha: the challenge closes and the user is marked, in one commit. */
export function passCaptcha(
  deps: { db: Db; captcha: CaptchaRepository; users: UserRepository },
  { userId, at }: { userId: number; at: Date },
): void {
  inTransaction(deps.db, () => {
    deps.captcha.close(userId);
    deps.users.markCaptchaPassed(userId, at);
  });
}
