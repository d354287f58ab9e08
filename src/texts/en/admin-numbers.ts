/** What a number setting's page (− / + and typing) says to admins; {placeholders} are filled in. */
export const texts = {
  now: "Now: {value} (from {min} to {max})",
  typeButton: "✏️ Type a value",
  ask: "{title}: send a whole number of {unit} from {min} to {max}. Now: {value}.",
  notWholeNumber: "Send a whole number of {unit} from {min} to {max}, like {example}.",
  outOfRange: "{number} is out of range: send a whole number of {unit} from {min} to {max}.",
  atMin: "Already at the lowest: {value}",
  atMax: "Already at the highest: {value}",
} as const;
