export * from "./campaigns.js";
export * from "./captcha-challenges.js";
export * from "./deeplinks.js";
export * from "./required-chats.js";
export * from "./settings.js";
export * from "./users.js";
