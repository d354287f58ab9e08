/** `firstName` → `first_name`: the API's name for what a verb names in camelCase. */
export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
