import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Flex, Input, Result, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../../app/i18n';
import { ApiError } from '../../shared/api';
import { ExtraQuestions, type Answers } from './extra-questions';
import { answerPublicSurvey, fetchPublicSurvey } from './public-api';
import { ScoreInput } from './score-input';

const codeOf = (e: unknown) => (e instanceof ApiError ? e.code : null);

/** Two buttons instead of a toggle: a customer sees both choices at once. */
const LanguageChoice = () => {
  const lang = currentLanguage();
  const pick = (l: Language) => () => void setLanguage(l);
  return (
    <Flex gap={4}>
      <Button
        size="small"
        type={lang === 'zh-CN' ? 'primary' : 'text'}
        onClick={pick('zh-CN')}
        lang="zh-CN"
        data-testid="survey-lang-zh"
      >
        中文
      </Button>
      <Button
        size="small"
        type={lang === 'en-US' ? 'primary' : 'text'}
        onClick={pick('en-US')}
        lang="en-US"
        data-testid="survey-lang-en"
      >
        English
      </Button>
    </Flex>
  );
};

/** The end states: thank you, already answered, expired, not found. */
const Final = ({ state }: { state: 'thanks' | 'answered' | 'expired' | 'missing' }) => {
  const { t } = useTranslation();
  const status = state === 'thanks' ? 'success' : state === 'answered' ? 'info' : 'warning';
  return (
    <Result
      status={status}
      title={t(`publicSurvey.final.${state}.title`)}
      subTitle={t(`publicSurvey.final.${state}.text`)}
      data-testid={`survey-${state}`}
    />
  );
};

/**
 * The survey a customer opens from their link: no sign-in, phone-first (one column, big tap
 * targets), in the language the survey was sent in, switchable.
 */
export const PublicSurveyPage = () => {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const survey = useQuery({
    queryKey: ['public-survey', token],
    queryFn: () => fetchPublicSurvey(token),
    retry: false,
  });
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [missingScore, setMissingScore] = useState(false);
  const answer = useMutation({
    mutationFn: () => answerPublicSurvey(token, { score: score!, comment, answers: clean(answers) }),
  });
  const languageSet = useRef(false);

  useEffect(() => {
    if (survey.data && !languageSet.current) {
      languageSet.current = true;
      if (survey.data.language !== currentLanguage()) void setLanguage(survey.data.language);
    }
  }, [survey.data]);

  const submit = () => {
    if (score === null) return setMissingScore(true);
    answer.mutate();
  };

  let body: ReactNode;
  const loadCode = codeOf(survey.error);
  const sendCode = codeOf(answer.error);
  if (survey.isPending) body = <Spin size="large" style={{ display: 'block', margin: '48px auto' }} />;
  else if (loadCode === 'expired' || sendCode === 'expired') body = <Final state="expired" />;
  else if (loadCode === 'not_found') body = <Final state="missing" />;
  else if (survey.error)
    body = (
      <Alert
        type="error"
        showIcon
        title={t(loadCode === 'rate_limited' ? 'publicSurvey.rateLimited' : 'publicSurvey.loadFailed')}
        action={<Button onClick={() => void survey.refetch()}>{t('publicSurvey.retry')}</Button>}
      />
    );
  else if (answer.isSuccess) body = <Final state="thanks" />;
  else if (survey.data.answered || sendCode === 'already_answered') body = <Final state="answered" />;
  else {
    const s = survey.data;
    body = (
      <Flex vertical gap={24}>
        <Typography.Title level={4} style={{ margin: 0, textAlign: 'center' }} data-testid="survey-question">
          {s.question || t(`publicSurvey.defaultQuestion.${s.kind}`, { org: s.organizationName })}
        </Typography.Title>
        <ScoreInput
          kind={s.kind}
          value={score}
          onChange={(v) => {
            setScore(v);
            setMissingScore(false);
          }}
        />
        {missingScore && (
          <Alert
            type="warning"
            showIcon
            title={t('publicSurvey.pickScore')}
            data-testid="survey-pick-score"
          />
        )}
        {s.questions.length > 0 && (
          <ExtraQuestions questions={s.questions} value={answers} onChange={setAnswers} />
        )}
        <Flex vertical gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('publicSurvey.comment')}
          </Typography.Text>
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            placeholder={t('publicSurvey.commentPlaceholder')}
            data-testid="survey-comment"
          />
        </Flex>
        {answer.error && sendCode !== 'already_answered' && (
          <Alert
            type="error"
            showIcon
            title={t(
              sendCode === 'validation_failed'
                ? 'publicSurvey.invalid'
                : sendCode === 'rate_limited'
                  ? 'publicSurvey.rateLimited'
                  : 'publicSurvey.sendFailed',
            )}
          />
        )}
        <Button
          type="primary"
          size="large"
          block
          style={{ height: 52, fontSize: 18 }}
          loading={answer.isPending}
          onClick={submit}
          data-testid="survey-submit"
        >
          {t('publicSurvey.submit')}
        </Button>
        <Typography.Text type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>
          {t('publicSurvey.expires', { date: new Date(s.expiresAt).toLocaleDateString(currentLanguage()) })}
        </Typography.Text>
      </Flex>
    );
  }

  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: '16px 12px' }}>
      <main style={{ maxWidth: 480, margin: '0 auto' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="survey-org">
            {survey.data?.organizationName ?? t('publicSurvey.title')}
          </Typography.Text>
          <LanguageChoice />
        </Flex>
        <Card styles={{ body: { padding: 20 } }}>{body}</Card>
      </main>
    </div>
  );
};

/** Drops empty answers so an untouched optional question sends nothing. */
const clean = (a: Answers): Answers =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null && v !== ''));
