/**
 * Checks the optional extra answers of a survey against its template's questions: only known
 * question ids; a choice is one of the options; a rating is 1–5; text is at most 2,000 characters.
 */
export type SurveyQuestionDef = {
  id: string;
  label: string;
  kind: 'text' | 'choice' | 'rating';
  options?: string[];
};

export type AnswerProblem = { path: string; message: string };

export const MAX_TEXT_ANSWER = 2000;

export function checkAnswers(
  questions: readonly SurveyQuestionDef[],
  answers: Record<string, unknown>,
): AnswerProblem[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: AnswerProblem[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    const path = `answers.${id}`;
    if (!q) {
      problems.push({ path, message: 'not a question of this survey' });
      continue;
    }
    if (value === null || value === '') continue;
    if (q.kind === 'text') {
      if (typeof value !== 'string') problems.push({ path, message: 'expected text' });
      else if (value.length > MAX_TEXT_ANSWER)
        problems.push({ path, message: `at most ${MAX_TEXT_ANSWER} characters` });
    } else if (q.kind === 'choice') {
      if (typeof value !== 'string' || !(q.options ?? []).includes(value))
        problems.push({ path, message: 'expected one of the options' });
    } else if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
      problems.push({ path, message: 'expected a whole number from 1 to 5' });
    }
  }
  return problems;
}

/** Problems in a template's question list: duplicate ids, choices without options. */
export function checkQuestions(questions: readonly SurveyQuestionDef[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.id)) problems.push({ path: `questions.${i}.id`, message: 'duplicate question id' });
    seen.add(q.id);
    if (q.kind === 'choice' && !(q.options ?? []).length)
      problems.push({ path: `questions.${i}.options`, message: 'a choice question needs options' });
  });
  return problems;
}
