/** What the gate benchmark records of Usher's calls and the bare bot replays (bench/gate-bare-bot.ts). */

/** One recorded call; in `params`, placeholders stand for the newcomer's id, prompt and button press. */
export interface ScriptedCall {
  method: string;
  params: string;
}

/** Calls per update kind and newcomer kind (came with the deeplink or a referral link). */
export interface GateScript {
  deeplinkCode: string;
  start: Record<NewcomerKind, ScriptedCall[]>;
  press: Record<NewcomerKind, ScriptedCall[]>;
}

export type NewcomerKind = "deeplink" | "referral";

/** The placeholders `params` may hold, replaced per update. */
export const placeholders = { user: "__USER__", message: "__MESSAGE__", press: "__PRESS__" } as const;
