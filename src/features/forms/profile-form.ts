import type { FormRecord } from "../../db/schema/index.js";
// Stored as the form's own content: the English, whoever opens /profile first.
import { texts } from "../../texts/en/forms.js";
import { type FormServices, freeStartCode } from "./form-commands.js";

const builtIn = "profile";

const questions = [
  { kind: "text", target: "first_name", prompt: texts.profile.firstName },
  { kind: "text", target: "last_name", prompt: texts.profile.lastName },
  { kind: "email", target: "email", prompt: texts.profile.email },
  { kind: "phone", target: "phone", prompt: texts.profile.phone },
] as const;

/**
 * The form /profile starts: created on first use (names, email, phone, all optional), then an
 * ordinary form the owner edits in the menu or the API; it cannot be deleted.
 */
export function profileForm(services: Pick<FormServices, "db" | "forms" | "deeplinks" | "now">): FormRecord {
  const found = services.forms.findBuiltIn(builtIn);
  if (found) return found;
  return services.db.transaction(() => {
    const again = services.forms.findBuiltIn(builtIn);
    if (again) return again;
    const form = services.forms.create(
      {
        name: texts.profile.name,
        code: freeStartCode(services),
        builtIn,
        intro: texts.profile.intro,
        doneText: texts.profile.done,
      },
      services.now(),
    );
    for (const q of questions) {
      services.forms.addQuestion(form.id, {
        kind: q.kind,
        targetKind: "field",
        target: q.target,
        prompt: q.prompt,
        reask: null,
        required: false,
        choices: [],
      });
    }
    return form;
  });
}
