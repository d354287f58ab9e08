/** What the bot says about sequences (drip campaigns) to their subscribers. */
export const texts = {
  stopButton: "🔕 Stop these messages",
  stopped: "🔕 Done: you will get no more of these messages.",
  alreadyStopped: "These messages are already stopped.",
} as const;
