import { type ApiClientOptions, Bot, type BotError, type MiddlewareFn } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import { groupCommitOf } from "../db/group-commit.js";
import { createFormsFeature } from "../features/forms/form-feature.js";
import { gateFeature } from "../features/gate/index.js";
import { referralLinkReply } from "../features/gate/referrals/referral-link-reply.js";
import { groupsFeature } from "../features/groups/index.js";
import { speakTheirLanguage } from "../features/language/speak-their-language.js";
import { pollAnswerFeature } from "../features/mailing/poll-answer-feature.js";
import { createAdminFeature } from "../features/menu/index.js";
import { stepPollAnswer } from "../features/sequences/step-poll-answer.js";
import { sequenceStopButton } from "../features/sequences/stop-button.js";
import { topicsFeature } from "../features/topics/topics-feature.js";
import { contactShareFeature } from "../features/users/contact-share.js";
import { createTakeoverFeature } from "../features/users/takeover/index.js";
import { createUserTrackingFeature } from "../features/users/tracking.js";
import type { Metrics } from "../metrics/metrics.js";
import { ignoreUnmodifiedEdits } from "../telegram/errors.js";
import { interactiveRetry } from "../telegram/interactive-retry.js";
import { defaultMaxAgeMs, type OutgoingBudget } from "../telegram/outgoing/budget.js";
import { outgoingFetch } from "../telegram/outgoing/outgoing-fetch.js";
import { restoreCallScope, scopeUpdateCalls } from "../telegram/outgoing/priority.js";
import type { UsherContext } from "./context.js";
import type { InFlightUpdates } from "./in-flight.js";
import { sequence } from "./sequence.js";
import type { Services } from "./services.js";
import { inOneCommit } from "./update-commit.js";
import { UpdateLanes, type UpdateLanesOptions } from "./update-lanes.js";
import { updateOnce } from "./update-once.js";
import { when } from "./when.js";

/** Update kinds Usher needs; `my_chat_member` and `chat_member` are off unless asked for. */
export const allowedUpdates = [
  "message",
  "edited_message",
  "callback_query",
  "my_chat_member",
  "chat_member",
  "poll_answer",
] as const;

export interface BotDependencies {
  services: Services;
  logger: Logger;
  /** Skips the getMe call at start (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  client?: ApiClientOptions;
  /** The budget every message draws from (the mailing engine's too). */
  outgoing: OutgoingBudget;
  /** Counts updates and gate outcomes when given. */
  metrics?: Metrics;
  /** Tracks updates being handled, for a shutdown that waits for them (webhook mode). */
  inFlight?: InFlightUpdates;
  /** Per-user bounds (tests shorten them); the defaults in update-lanes.ts otherwise. */
  lanes?: Pick<UpdateLanesOptions, "maxQueuedPerUser" | "updateTimeoutMs">;
}

/** The only place that knows the middleware order. */
export function createBot(token: string, deps: BotDependencies): Bot<UsherContext> {
  const { services, logger } = deps;
  const bot = new Bot<UsherContext>(token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: {
      ...deps.client,
      fetch: outgoingFetch(deps.outgoing, {
        ...(deps.client?.fetch && { fetch: deps.client.fetch }),
        committed: () => groupCommitOf(services.db.$client).settled(),
      }),
      // A message may wait up to its max age for its turn; grammY must not give up on it first.
      timeoutSeconds: defaultMaxAgeMs / 1000 + 60,
    },
  });
  bot.api.config.use(restoreCallScope, interactiveRetry(), ignoreUnmodifiedEdits);

  const reportFailure = (error: BotError<UsherContext>) => {
    logger.error({ err: error.error, updateId: error.ctx.update.update_id }, "update failed");
  };
  const lanes = new UpdateLanes({
    ...deps.lanes,
    logger,
    ...(deps.metrics && { metrics: deps.metrics }),
    onError: (error) => reportFailure(error as BotError<UsherContext>),
    isTrusted: (userId) => services.admins.isAdmin(userId),
  });
  const prepareContext: MiddlewareFn<UsherContext> = (ctx, next) => {
    deps.metrics?.countUpdate(ctx.update);
    ctx.services = services;
    ctx.metrics = deps.metrics;
    ctx.log = logger.child({ updateId: ctx.update.update_id });
    ctx.isAdmin = ctx.from !== undefined && services.admins.isAdmin(ctx.from.id);
    ctx.user = undefined;
    ctx.gate = {
      startPayload: null,
      isStart: false,
      justRegistered: false,
      deeplinkDelivered: false,
      languageChanged: false,
    };
    // Telegram accepts one answer per button press; steps that pass a press on may each try to answer it.
    const answerOnce = ctx.answerCallbackQuery.bind(ctx);
    let answered = false;
    ctx.answerCallbackQuery = (...args) => {
      if (answered) return Promise.resolve(true);
      answered = true;
      return answerOnce(...args);
    };
    return next();
  };
  // One flat sequence: each `bot.use` would add grammY's two async frames per layer (see sequence.ts).
  bot.use(
    sequence(
      // Before the lanes: an update that opens a lane is tracked until the lane is empty.
      ...(deps.inFlight ? [deps.inFlight.middleware] : []),
      // One update at a time per user, so the gate never races itself (updates are handled concurrently).
      lanes.middleware,
      // After the lanes: what an update sends to its own chat is a reply, to any other chat an alert.
      scopeUpdateCalls,
      prepareContext,
      // Inside the lanes (each parked update is its own stretch): tracking and the gate's first steps.
      inOneCommit,
      // First in the commit: a copy of an update already taken on (here or on another instance) stops here.
      updateOnce,
      createUserTrackingFeature(services),
      // From here on every text is in the sender's language (their choice, else Telegram's).
      speakTheirLanguage,
      stepPollAnswer,
      pollAnswerFeature,
      // Groups the bot is in and the bot users seen there, for the card's "Shares a group".
      groupsFeature,
      // A step's "stop these messages" button works for anyone, whatever the gate would say.
      sequenceStopButton,
      // Before anything answers: a paused user's messages go to the admins, and admins' replies back to them.
      createTakeoverFeature(services),
      // The area checks this itself; here without a wait, so a newcomer's stretch goes on to the gate.
      when((ctx) => ctx.isAdmin && ctx.chat?.type === "private", createAdminFeature(services)),
      gateFeature,
      referralLinkReply,
      topicsFeature,
      contactShareFeature,
      createFormsFeature(),
      // A press nothing above understood (a forged or outdated button): stop the client's spinner, do nothing.
      when(
        (ctx) => ctx.callbackQuery !== undefined,
        (ctx) => ctx.answerCallbackQuery(),
      ),
    ),
  );

  bot.catch(reportFailure);
  return bot;
}
