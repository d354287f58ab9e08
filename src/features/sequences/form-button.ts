import type { FormRepository } from "../forms/form-repository.js";
import { startLink } from "../gate/start-payload.js";

/**
 * The start links of the bot's forms, read when a step is sent (a form deleted since gives none):
 * a step's form button opens the bot with the form's code, as a mailing's URL button to it would.
 */
export function formStartLinks(
  forms: Pick<FormRepository, "find">,
  botUsername: () => string,
): (formId: number) => string | undefined {
  return (formId) => {
    const form = forms.find(formId);
    return form && startLink(botUsername(), form.code);
  };
}
