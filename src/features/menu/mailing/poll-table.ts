import { texts } from "../../../texts/admin-polls.js";
import { fillTemplate } from "../../content/template.js";
import type { PollContent, PollResults } from "../../mailing/poll.js";

const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** The results table of a poll mailing: answered of delivered, then each option's votes and share of the voters. */
export function pollTable(
  mailing: { id: number; sent: number },
  poll: Pick<PollContent, "attribute">,
  results: PollResults,
): string[] {
  const lines = [
    fillTemplate(texts.resultsTitle, { question: results.question }),
    fillTemplate(texts.resultsVoters, {
      voters: results.voters,
      sent: mailing.sent,
      percent: percentOf(results.voters, mailing.sent),
    }),
    ...results.rows.map((row) =>
      fillTemplate(texts.resultsRow, {
        option: row.option,
        text: row.text,
        votes: row.votes,
        percent: row.percent,
        mark: row.correct ? texts.correctMark : "",
      }),
    ),
  ];
  if (poll.attribute !== undefined) lines.push(fillTemplate(texts.resultsAttribute, { key: poll.attribute }));
  lines.push(fillTemplate(texts.resultsSegment, { id: mailing.id }));
  return lines;
}
