import { localeOfUser } from "../src/features/language/language.js";
import { texts } from "../src/texts/bot.js";
import { texts as english } from "../src/texts/en/bot.js";
import { inLocale } from "../src/texts/locale-scope.js";
import { textsIn, unlessEdited } from "../src/texts/locale-texts.js";
import { gateScenario } from "./gate.js";
import { defineScenario, formatTable, round } from "./scenario.js";

/**
 * What one update of the gate does for its language, timed alone: the locale scope, the user's
 * locale, the texts it reads (through the locale-aware modules) and the defaults it picks in the
 * user's language. Twice what a newcomer's update reads, so the figure errs high. µs per update.
 */
function localizationWorkUs(iterations: number): number {
  const user = { language: null, languageCode: "ru" };
  let characters = 0;
  const once = () =>
    inLocale(localeOfUser(user), () => {
      const t = textsIn("bot", localeOfUser(user));
      for (let i = 0; i < 2; i++) {
        characters += texts.captcha.emojiQuestion.length + texts.gatePending.length;
        characters += texts.captcha.wrong.length + texts.admin.keyboardHint.length;
        characters += unlessEdited(english.captcha.intro, english.captcha.intro, t.captcha.intro).length;
        characters += unlessEdited(english.captcha.passed, english.captcha.passed, t.captcha.passed).length;
        characters += unlessEdited(english.welcome, english.welcome, t.welcome).length;
        characters += unlessEdited(english.dearUser, english.dearUser, t.dearUser).length;
      }
    });
  for (let i = 0; i < iterations / 10; i++) once();
  const started = process.cpuUsage();
  for (let i = 0; i < iterations; i++) once();
  const used = process.cpuUsage(started);
  if (characters === 0) throw new Error("languages: nothing was read");
  return (used.user + used.system) / iterations;
}

/** Issue 16's figure: speaking each user's language costs under 5 % of the gate's CPU per update. */
export const languagesScenario = defineScenario({
  name: "languages",
  description:
    "the gate (compiled Usher, as the gate bench runs it) for newcomers whose Telegram speaks English, then Russian; and the localization work of an update timed alone, against the gate's CPU per update in the same run",
  flags: {
    users: { description: "newcomers in each gate run's timed part", default: 1000 },
    warmup: { description: "newcomers each gate run admits before timing", default: 500, min: 0 },
    rounds: { description: "timed bursts of each gate run", default: 6 },
    iterations: { description: "updates' localization work timed alone", default: 200_000 },
  },
  async run(flags) {
    const gate = async (russian: number) => {
      const result = await gateScenario.run(
        { users: flags.users, warmup: flags.warmup, rounds: flags.rounds, russian },
        "sqlite",
      );
      // Against the bare bot of the same run, in turns with it: the machine's load falls on both.
      return { us: (result.data.usher as { cpuUs: number }).cpuUs, ratio: result.data.ratio as number };
    };
    const englishGate = await gate(0);
    const russianGate = await gate(1);
    const englishUs = englishGate.us;
    const russianUs = russianGate.us;
    const aloneUs = localizationWorkUs(flags.iterations);
    const share = aloneUs / russianUs;
    const difference = russianGate.ratio / englishGate.ratio - 1;
    const passed = share < 0.05;
    return {
      lines: [
        ...formatTable([
          ["", "CPU µs per update", "× the bare bot", "of the gate"],
          ["gate, English newcomers", englishUs.toFixed(1), englishGate.ratio.toFixed(2), ""],
          [
            "gate, Russian newcomers",
            russianUs.toFixed(1),
            russianGate.ratio.toFixed(2),
            `${round(difference * 100, 1)} % vs English (by the ratios)`,
          ],
          ["localization work alone (×2 reads)", aloneUs.toFixed(2), "", `${round(share * 100, 2)} %`],
        ]),
        `target: the localization work < 5 % of the gate's CPU per update — ${passed ? "PASS" : "FAIL"}`,
      ],
      data: {
        englishUs,
        russianUs,
        englishRatio: englishGate.ratio,
        russianRatio: russianGate.ratio,
        aloneUs,
        share,
        difference,
        pass: passed,
      },
      passed,
    };
  },
});
