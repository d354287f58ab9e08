/** Ids of the pages other areas link back to. */
export const rootPageId = "admin";
export const extensionsPageId = "admin-extensions";
export const usersPageId = "admin-users";
