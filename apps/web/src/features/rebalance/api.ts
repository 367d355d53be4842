import type { z } from 'zod';
import type { RebalanceApplied, RebalanceProposal } from '@steward/contracts';
import type { TFunction } from 'i18next';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/errors';

export type Proposal = z.infer<typeof RebalanceProposal>;
export type Move = Proposal['moves'][number];
export type ManagerLoad = Proposal['managers'][number];
export type Applied = z.infer<typeof RebalanceApplied>;

export const REBALANCE_REASONS = ['even_load', 'improve_fit', 'swap_improve_fit'];
export const MAX_MOVES_DEFAULT = 20;
export const MAX_MOVES_LIMIT = 500;

export const proposeRebalance = (body: { teamId?: string; maxMoves: number }) =>
  api.post<Proposal>('/rebalancing/proposals', body);

export const applyRebalance = (body: {
  moves: { customerId: string; fromManagerId: string; toManagerId: string }[];
  reason: string;
}) => api.post<Applied>('/rebalancing/apply', body);

const APPLY_CODES = ['proposal_stale', 'capacity_exceeded'];

/** Apply failures in words; a stale proposal asks for a new one. */
export const rebalanceErrorText = (t: TFunction, e: unknown): string =>
  e instanceof ApiError && APPLY_CODES.includes(e.code) ? t(`rebalance.errors.${e.code}`) : errorText(t, e);

const num = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? String(Math.round(v * 100) / 100) : undefined;

/** A move's reason as a sentence with its key numbers. */
export const reasonText = (t: TFunction, reason: Move['reason']): string => {
  const d = reason.data;
  if (!REBALANCE_REASONS.includes(reason.code)) return t('rebalance.reasons.other', { code: reason.code });
  const base = t(`rebalance.reasons.${reason.code}`);
  const parts = [
    num(d.fromLoad) !== undefined && num(d.toLoad) !== undefined
      ? t('rebalance.numbers.load', { from: num(d.fromLoad), to: num(d.toLoad) })
      : undefined,
    num(d.fitGain) !== undefined ? t('rebalance.numbers.fitGain', { value: num(d.fitGain) }) : undefined,
    num(d.misfitGain) !== undefined
      ? t('rebalance.numbers.misfitGain', { value: num(d.misfitGain) })
      : undefined,
    num(d.gain) !== undefined ? t('rebalance.numbers.gain', { value: num(d.gain) }) : undefined,
  ].filter(Boolean);
  return parts.length
    ? t('rebalance.numbers.withNumbers', {
        reason: base,
        numbers: parts.join(t('rebalance.numbers.separator')),
      })
    : base;
};
