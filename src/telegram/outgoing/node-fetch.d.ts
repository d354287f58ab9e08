// node-fetch 2 ships no types; grammY sends with it on Node. We use the fetch-shaped subset its
// Response shares with the web one (status, json, clone), which is all the budget reads.
declare module "node-fetch" {
  const fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  export default fetch;
}
