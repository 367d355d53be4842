import { Flex, Input, Radio, Rate, Typography } from 'antd';
import type { SurveyQuestion } from '@steward/contracts';

export type Answers = Record<string, string | number | null>;

type Props = { questions: SurveyQuestion[]; value: Answers; onChange: (v: Answers) => void };

/** The template's optional questions: a 1–5 rating, one choice, or free text. */
export const ExtraQuestions = ({ questions, value, onChange }: Props) => {
  const set = (id: string, v: string | number | null) => onChange({ ...value, [id]: v });
  return (
    <Flex vertical gap={20}>
      {questions.map((q) => (
        <Flex key={q.id} vertical gap={8} data-testid={`question-${q.id}`}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {q.label}
          </Typography.Text>
          {q.kind === 'rating' && (
            <Rate
              value={typeof value[q.id] === 'number' ? (value[q.id] as number) : 0}
              onChange={(v) => set(q.id, v || null)}
              style={{ fontSize: 32 }}
            />
          )}
          {q.kind === 'choice' && (
            <Radio.Group
              value={value[q.id] ?? undefined}
              onChange={(e) => set(q.id, e.target.value as string)}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={(q.options ?? []).map((o) => ({ value: o, label: o, style: { padding: '8px 0' } }))}
            />
          )}
          {q.kind === 'text' && (
            <Input.TextArea
              value={typeof value[q.id] === 'string' ? (value[q.id] as string) : ''}
              onChange={(e) => set(q.id, e.target.value)}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
            />
          )}
        </Flex>
      ))}
    </Flex>
  );
};
