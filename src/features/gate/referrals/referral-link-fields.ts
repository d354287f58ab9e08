/** The fields the /ref text adds to the user's own: their link and how many joined through it. */
export const referralLinkFields = ["link", "count"] as const;
