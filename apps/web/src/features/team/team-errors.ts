import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';

const CODES = ['team_not_empty', 'team_cycle'];

/** Team rule violations in words; anything else as the usual error sentence. */
export const teamErrorText = (t: TFunction, e: unknown): string =>
  e instanceof ApiError && CODES.includes(e.code) ? t(`teams.errors.${e.code}`) : errorText(t, e);
