/** Admin-facing texts for URL buttons under the welcome message and deeplink content; filled with fillTemplate. */
export const texts = {
  button: "🔘 Buttons",
  ask:
    "🔘 URL buttons under the message. One row a line, buttons in a row separated by |, each as\n" +
    "Label - https://example.com\n\nExample:\nOur site - https://example.com | Channel - https://t.me/example\n\n" +
    "Send - for no buttons. Now:\n{current}",
  none: "none",
  problem: {
    format: "Line {line}, button {button}: write it as Label - https://example.com",
    empty_label: "Line {line}, button {button}: the label is empty.",
    label_too_long: "Line {line}, button {button}: labels have at most 64 characters.",
    bad_url: "Line {line}, button {button}: the link must start with https://, http:// or tg://",
    too_many_in_row: "Line {line}: at most 8 buttons in a row.",
    too_many_rows: "At most 10 rows of buttons.",
    none: "No buttons found. Send them as Label - https://example.com, or - for none.",
  },
  saved: "✅ Buttons saved: {count}.",
  removed: "✅ Buttons removed.",
  summary: "Buttons: {buttons}",
  tracked: "Clicks on http(s) buttons are tracked: each user gets a link of their own through {prefix}…",
  untracked: "Clicks are not tracked (set PUBLIC_URL to track them).",
} as const;
