import fc from "fast-check";

// Property tests explore new cases on every local run; with FC_SEED set (CI sets it) they replay the
// same ones, so a run is reproducible. A failure prints its seed: FC_SEED=<seed> npm test replays it.
const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== "") fc.configureGlobal({ seed: Number(seed) });
