import { describe, expect, it } from "vitest";
import {
  answerAttributeValue,
  optionNumbers,
  type PollContent,
  pollProblem,
  pollResults,
} from "../../src/features/mailing/poll.js";

const poll: PollContent = {
  type: "poll",
  question: "Colour?",
  options: ["Red", "Blue", "Green"],
  allowsMultipleAnswers: true,
};

describe("poll content", () => {
  it("when a poll breaks one of Telegram's limits, then the problem is named; otherwise there is none", () => {
    expect(pollProblem(poll)).toBeNull();
    expect(pollProblem({ ...poll, question: "  " })).toMatch(/question/);
    expect(pollProblem({ ...poll, options: ["Red"] })).toMatch(/2 to 12 options/);
    expect(pollProblem({ ...poll, options: Array.from({ length: 13 }, (_, i) => `o${i}`) })).toMatch(
      /2 to 12/,
    );
    expect(pollProblem({ ...poll, options: ["Red", "x".repeat(101)] })).toMatch(/Option 2/);
    expect(pollProblem({ ...poll, quiz: { correctOptions: [3] } })).toBeNull();
    expect(pollProblem({ ...poll, quiz: { correctOptions: [0] } })).toMatch(/1 to 3/);
    expect(pollProblem({ ...poll, quiz: { correctOptions: [] } })).toMatch(/right options/);
    expect(pollProblem({ ...poll, allowsMultipleAnswers: false, quiz: { correctOptions: [1, 2] } })).toMatch(
      /one right option/,
    );
    expect(pollProblem({ ...poll, quiz: { correctOptions: [1], explanation: "e".repeat(201) } })).toMatch(
      /explanation/,
    );
  });

  it("when Telegram reports option ids, then they become option numbers from 1, unless one is not the poll's", () => {
    expect(optionNumbers(poll, [2, 0, 0])).toEqual([1, 3]);
    expect(optionNumbers(poll, [])).toEqual([]);
    expect(optionNumbers(poll, [3])).toBeNull();
    expect(optionNumbers(poll, [-1])).toBeNull();
  });

  it("when an answer is written to an attribute, then it holds the options' texts in order, within 1 KB", () => {
    expect(answerAttributeValue(poll, [1, 3])).toBe("Red, Green");
    const long: PollContent = {
      ...poll,
      options: Array.from({ length: 12 }, (_, i) => `${i}é${"x".repeat(97)}`),
    };
    const value = answerAttributeValue(
      long,
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(Buffer.byteLength(value, "utf8")).toBeLessThanOrEqual(1024);
    expect(value.startsWith("0é")).toBe(true);
  });

  it("when results are tallied, then every option shows its votes and its share of the voters", () => {
    const results = pollResults(
      { ...poll, quiz: { correctOptions: [2] } },
      [
        { option: 2, votes: 2 },
        { option: 1, votes: 1 },
      ],
      3,
    );
    expect(results).toEqual({
      question: "Colour?",
      quiz: true,
      voters: 3,
      rows: [
        { option: 1, text: "Red", votes: 1, percent: 33.3, correct: false },
        { option: 2, text: "Blue", votes: 2, percent: 66.7, correct: true },
        { option: 3, text: "Green", votes: 0, percent: 0, correct: false },
      ],
    });
    expect(pollResults(poll, [], 0).rows.every((r) => r.percent === 0)).toBe(true);
  });
});
