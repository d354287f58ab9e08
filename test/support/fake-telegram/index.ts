import { setTimeout as sleep } from "node:timers/promises";
import type { Update, UserFromGetMe } from "grammy/types";
import { ApiError, ConnectionDropped, notFound, unauthorized } from "./errors.js";
import { FloodControl } from "./flood.js";
import { type FakeServer, type RawReply, type RawRequest, serve } from "./http.js";
import { type AbortSignalLike, UpdatePolling } from "./long-poll.js";
import { inlineButtons } from "./messages.js";
import { createMethods, isDeliveringMethod, isSendingMethod, type MethodHandler } from "./methods.js";
import { parseParams, readBody } from "./request-body.js";
import type {
  AddFileInput,
  ApiErrorShape,
  ApiResponse,
  CallRecord,
  ChatRef,
  DropPredicate,
  FailurePredicate,
  FakeTelegramOptions,
  FileRecord,
  FloodConfig,
  InlineButtonView,
  Latency,
  MemberStatus,
  Params,
  SimChat,
  SimChatInput,
  SimUser,
  SimUserInput,
  TranscriptMessage,
  UserState,
} from "./types.js";
import { UpdateFactory } from "./updates.js";
import { type WebhookAttempt, WebhookPusher } from "./webhook.js";
import { World } from "./world.js";

export type { FakeServer } from "./http.js";
export type { AbortSignalLike } from "./long-poll.js";
export type * from "./types.js";
export type { ContactOverrides, DocumentInput, UpdateFactory } from "./updates.js";
export type { WebhookAttempt } from "./webhook.js";

export const defaultBotInfo: UserFromGetMe = {
  id: 1_000_000_001,
  is_bot: true,
  first_name: "Usher",
  username: "usher_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export const defaultToken = "123456:TEST-TOKEN";

const chatIdOf = (chat: ChatRef) => (typeof chat === "number" ? chat : chat.id);

function jsonReply(response: ApiResponse): RawReply {
  const status = response.ok
    ? 200
    : response.error_code >= 400 && response.error_code < 600
      ? response.error_code
      : 500;
  return { status, contentType: "application/json", body: JSON.stringify(response) };
}

/**
 * A fake Telegram Bot API. Pass `fake.fetch` as grammY's `client.fetch`, or `await fake.listen()`
 * and point a bot process at the returned apiRoot. Both paths share `handle`.
 */
export class FakeTelegram {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** Every API call, in the order they were answered. */
  readonly calls: CallRecord[] = [];
  /** `delivered` counts successful calls that put content in a chat (chat actions excluded). */
  readonly stats = { tooManyRequests: 0, delivered: 0 };
  readonly updates: UpdateFactory;

  private readonly now: () => number;
  private readonly world: World;
  private readonly polling = new UpdatePolling();
  private readonly webhook: WebhookPusher;
  private readonly flood: FloodControl;
  private readonly methods: ReadonlyMap<string, MethodHandler>;
  private latency: Latency;
  private readonly scheduledFailures: { method: string; error: ApiErrorShape; remaining: number }[] = [];
  private readonly failurePredicates = new Set<FailurePredicate>();
  private readonly dropPredicates = new Set<DropPredicate>();

  constructor(options: FakeTelegramOptions = {}) {
    this.token = options.token ?? defaultToken;
    this.botInfo = { ...defaultBotInfo, ...options.botInfo };
    this.now = options.now ?? Date.now;
    this.latency = options.latencyMs ?? 0;
    this.world = new World(this.botInfo, this.now);
    this.flood = new FloodControl(options.flood, this.now);
    this.webhook = new WebhookPusher(this.polling, this.now, options.webhook);
    this.methods = createMethods(this.world, this.polling, this.webhook);
    this.updates = new UpdateFactory(this.world);
  }

  // --- transport

  /** A fetch for grammY's `client.fetch`: answers `/bot<token>/<method>` and `/file/bot<token>/<path>`. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const headers = new Headers(init?.headers ?? request?.headers);
    const signal: AbortSignalLike | undefined = init?.signal ?? request?.signal ?? undefined;
    const raw: RawRequest = {
      url: new URL(request?.url ?? String(input)),
      contentType: headers.get("content-type") ?? undefined,
      body: await readBody(init?.body ?? request?.body),
    };
    let reply: RawReply;
    try {
      reply = await this.respond(raw, signal);
    } catch (error) {
      // What Node's fetch throws when the connection breaks; grammY reports it as an HttpError.
      if (error instanceof ConnectionDropped) throw new TypeError("fetch failed", { cause: error });
      throw error;
    }
    // A caller that gave up (grammY stopping its long poll) must see an abort, not an answer.
    if (signal?.aborted === true) throw new DOMException("This operation was aborted", "AbortError");
    return new Response(reply.body, { status: reply.status, headers: { "content-type": reply.contentType } });
  };

  /** Serves the fake on 127.0.0.1 (random port) until the returned server is closed. */
  listen(): Promise<FakeServer> {
    return serve(
      (request, signal) => this.respond(request, signal),
      () => {
        this.polling.releaseAll();
        this.webhook.stop();
      },
    );
  }

  /**
   * The shared core: one Bot API call, recorded, with latency, injected faults and flood limits.
   * The latency is a round trip, half each way as with Telegram: the call acts (a long poll collects
   * its updates) when it reaches the server, and its answer, even a long poll's woken by an update,
   * takes the other half to come back. A dropped call throws ConnectionDropped and is not recorded.
   */
  async handle(
    token: string,
    method: string,
    params: Params,
    signal?: AbortSignalLike,
  ): Promise<ApiResponse> {
    const receivedAt = this.now();
    const latency = typeof this.latency === "function" ? this.latency() : this.latency;
    const inbound = Math.ceil(latency / 2);
    if (inbound > 0) await sleep(inbound);
    const response = await this.answer(token, method, params, signal);
    if (!response.ok && response.error_code === 429) this.stats.tooManyRequests += 1;
    if (response.ok && isDeliveringMethod(method)) this.stats.delivered += 1;
    const at = this.now();
    if (response.ok) {
      this.calls.push({ method, params, at, receivedAt, ok: true, result: response.result });
    } else {
      const { ok, ...error } = response;
      this.calls.push({ method, params, at, receivedAt, ok, error });
    }
    if (latency - inbound > 0) await sleep(latency - inbound);
    return response;
  }

  private async respond(request: RawRequest, signal?: AbortSignalLike): Promise<RawReply> {
    const path = request.url.pathname;
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (download !== null)
      return this.download(decodeURIComponent(download[1] ?? ""), decodeURIComponent(download[2] ?? ""));
    const call = /^\/bot([^/]+)\/(?:test\/)?([^/]+?)\/?$/.exec(path);
    if (call === null) return jsonReply({ ok: false, ...notFound().toShape() });
    let params: Params;
    try {
      params = parseParams(request.contentType, request.body, request.url.searchParams);
    } catch (error) {
      if (error instanceof ApiError) return jsonReply({ ok: false, ...error.toShape() });
      throw error;
    }
    return jsonReply(await this.handle(decodeURIComponent(call[1] ?? ""), call[2] ?? "", params, signal));
  }

  private download(token: string, path: string): RawReply {
    const bytes = token === this.token ? this.world.fileByPath(path)?.bytes : undefined;
    if (bytes === undefined) return jsonReply({ ok: false, ...notFound().toShape() });
    return { status: 200, contentType: "application/octet-stream", body: bytes };
  }

  private async answer(
    token: string,
    method: string,
    params: Params,
    signal?: AbortSignalLike,
  ): Promise<ApiResponse> {
    try {
      if (token !== this.token) throw unauthorized();
      if (this.isDropped(method, params)) throw new ConnectionDropped(method);
      const injected = this.injectedFailure(method, params);
      if (injected !== undefined) return { ok: false, ...injected };
      const handler = this.methods.get(method.toLowerCase());
      if (handler === undefined) throw notFound();
      if (isSendingMethod(method) && params.chat_id !== undefined) {
        const retryAfter = this.flood.acquire(String(params.chat_id));
        if (retryAfter !== undefined) {
          throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
            retry_after: retryAfter,
          });
        }
      }
      return { ok: true, result: await handler(params, signal) };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, ...error.toShape() };
      throw error;
    }
  }

  // --- faults, flood and latency

  /** The next `times` calls of `method` fail with `error` (before flood limits and the method itself). */
  failNext(method: string, error: ApiErrorShape, times = 1): void {
    this.scheduledFailures.push({ method: method.toLowerCase(), error, remaining: times });
  }

  /** Fails every call for which `predicate` returns an error; returns a function that stops it. */
  failWhen(predicate: FailurePredicate): () => void {
    this.failurePredicates.add(predicate);
    return () => this.failurePredicates.delete(predicate);
  }

  /**
   * Drops every call for which `predicate` is true, as a broken connection would: the bot gets no
   * answer but a network error. Returns a function that stops it.
   */
  dropWhen(predicate: DropPredicate): () => void {
    this.dropPredicates.add(predicate);
    return () => this.dropPredicates.delete(predicate);
  }

  private isDropped(method: string, params: Params): boolean {
    for (const predicate of this.dropPredicates) if (predicate(method, params)) return true;
    return false;
  }

  private injectedFailure(method: string, params: Params): ApiErrorShape | undefined {
    const index = this.scheduledFailures.findIndex((f) => f.method === method.toLowerCase());
    const scheduled = this.scheduledFailures[index];
    if (scheduled !== undefined) {
      scheduled.remaining -= 1;
      if (scheduled.remaining <= 0) this.scheduledFailures.splice(index, 1);
      return scheduled.error;
    }
    for (const predicate of this.failurePredicates) {
      const error = predicate(method, params);
      if (error !== undefined) return error;
    }
    return undefined;
  }

  /** Turns flood limits on (with fresh buckets) or off (undefined). */
  setFlood(config: FloodConfig | undefined): void {
    this.flood.configure(config);
  }

  setLatency(latency: Latency): void {
    this.latency = latency;
  }

  // --- people, chats and files

  addUser(input: SimUserInput = {}): SimUser {
    return this.world.addUser(input);
  }

  user(id: number): SimUser | undefined {
    return this.world.user(id);
  }

  setUserState(user: ChatRef, state: UserState): void {
    this.world.setUserState(chatIdOf(user), state);
  }

  addChat(input: SimChatInput): SimChat {
    return this.world.addChat(input);
  }

  chat(id: number): SimChat | undefined {
    return this.world.chat(id);
  }

  setMembership(chatId: number, user: ChatRef, status: MemberStatus): void {
    const userId = chatIdOf(user);
    this.world.requireUser(userId);
    this.world.setMembership(chatId, userId, status);
  }

  /** Registers a file the bot may send by file_id, fetch with getFile and download. */
  addFile(input: AddFileInput): FileRecord {
    return this.world.addFile(input);
  }

  setProfilePhotos(user: ChatRef, count: number): void {
    this.world.setProfilePhotos(chatIdOf(user), count);
  }

  // --- updates

  enqueue(...updates: Update[]): void {
    this.polling.enqueue(updates);
  }

  pendingUpdates(): Update[] {
    return this.polling.pending();
  }

  get allowedUpdates(): readonly string[] {
    return this.polling.allowedUpdates;
  }

  // --- webhook

  /** What the bot registered with setWebhook (url "" while it long-polls). */
  get webhookRegistration(): { url: string; secretToken: string | undefined } {
    return this.webhook.registration;
  }

  /** Every POST of an update to the webhook, oldest first. */
  get webhookAttempts(): readonly WebhookAttempt[] {
    return this.webhook.attempts;
  }

  /** Stops pushing updates to the webhook until the bot calls setWebhook again. */
  stopWebhook(): void {
    this.webhook.stop();
  }

  // --- calls

  callsOf(method: string): CallRecord[] {
    return this.calls.filter((c) => c.method.toLowerCase() === method.toLowerCase());
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  // --- transcripts

  /** Every message in the chat, both directions, oldest first (edits applied, deletions removed). */
  transcript(chat: ChatRef): TranscriptMessage[] {
    return this.world.transcript(chatIdOf(chat));
  }

  /** Calls `listener` with a chat's id whenever a message in it appears, changes or goes; returns a function that stops it. */
  onChatChange(listener: (chatId: number) => void): () => void {
    return this.world.onChange(listener);
  }

  /** Every user the fake knows, in the order they were added. */
  users(): SimUser[] {
    return this.world.allUsers();
  }

  /** Every group and channel the fake knows. */
  chats(): SimChat[] {
    return this.world.allChats();
  }

  /** What the bot has in the chat, oldest first. */
  messagesTo(chat: ChatRef): TranscriptMessage[] {
    return this.transcript(chat).filter((m) => m.sender === "bot");
  }

  lastMessageTo(chat: ChatRef): TranscriptMessage | undefined {
    return this.messagesTo(chat).at(-1);
  }

  /** Texts and captions the bot has in the chat, oldest first. */
  textsTo(chat: ChatRef): string[] {
    return this.messagesTo(chat).flatMap((m) => m.text ?? m.caption ?? []);
  }

  inlineButtons(message: { reply_markup?: unknown } | undefined): InlineButtonView[] {
    return inlineButtons(message);
  }

  /** The newest inline button in the chat whose text matches. */
  findButton(
    chat: ChatRef,
    text: string | RegExp,
  ): { button: InlineButtonView; message_id: number } | undefined {
    const matches = (label: string) => (typeof text === "string" ? label === text : text.test(label));
    for (const message of this.messagesTo(chat).reverse()) {
      const button = inlineButtons(message).find((b) => matches(b.text));
      if (button !== undefined) return { button, message_id: message.message_id };
    }
    return undefined;
  }
}
