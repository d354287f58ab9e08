/** Who acts: an admin by Telegram id, or a system such as the HTTP API. */
export type Actor = { kind: "admin"; id: number } | { kind: "system"; label: string };

/** Changes made through the HTTP API are audited under this actor. */
export const apiActor: Actor = { kind: "system", label: "api" };

/** Changes made with the `usher` command line, by whoever runs the server, are audited under this actor. */
export const cliActor = { kind: "system", label: "cli" } as const satisfies Actor;
