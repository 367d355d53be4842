import type { PublicSurveyAnswer, PublicSurveyOut } from '@steward/contracts';
import { ApiError } from '../../shared/api';

/**
 * The customer's side of a survey: plain requests without session, CSRF or sign-in redirects
 * (the token in the link is the only credential).
 */
async function call<T>(method: 'GET' | 'POST', token: string, body?: PublicSurveyAnswer): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/public/surveys/${encodeURIComponent(token)}`, {
      method,
      headers: body
        ? { Accept: 'application/json', 'Content-Type': 'application/json' }
        : { Accept: 'application/json' },
      credentials: 'omit',
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Network error');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: [] } } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? 'http_error',
      error?.message ?? res.statusText,
      error?.details ?? [],
    );
  }
  return json as T;
}

export const fetchPublicSurvey = (token: string) => call<PublicSurveyOut>('GET', token);
export const answerPublicSurvey = (token: string, body: PublicSurveyAnswer) =>
  call<{ answered: true; answeredAt: string; score: number }>('POST', token, body);
