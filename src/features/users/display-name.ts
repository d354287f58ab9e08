export interface NamedPerson {
  id: number;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
}

// Telegram accepts names made of invisible fillers; such a name is as good as none.
const invisibleOnly =
  /^[\s\u00AD\u115F\u1160\u180E\u200B-\u200F\u2028-\u202F\u205F-\u2064\u2800\u3164\uFEFF\uFFA0]*$/u;

/** A name part, or null when it is empty, blank or made only of invisible characters. */
export function visibleName(name: string | null | undefined): string | null {
  if (name == null || invisibleOnly.test(name)) return null;
  return name.trim();
}

/** The name to show for a person: first (and last) name, or the Dear User fallback. */
export function displayName(person: NamedPerson, dearUser: string): string {
  const first = visibleName(person.firstName);
  const last = visibleName(person.lastName);
  if (first === null) return dearUser;
  return last === null ? first : `${first} ${last}`;
}
