/** Who acts: an admin by Telegram id, or a system such as the HTTP API. */
export type Actor = { kind: "admin"; id: number } | { kind: "system"; label: string };

/** Changes made through the HTTP API are audited under this actor. */
export const apiActor: Actor = { kind: "system", label: "api" };
