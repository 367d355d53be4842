/**
 * Structured explanations: every score says which inputs and which rule or model produced it, as
 * codes and numbers the UI translates ("why is this customer a champion?").
 */

/** One reason or fact: a stable code plus the numbers behind it. */
export type ScoreReason = {
  code: string;
  value?: number | string | null;
  threshold?: number | string | null;
};

export type Explanation = {
  /** Which score: 'rfm' | 'tier' | 'lifecycle' | 'clv' | 'churn' | 'next_best_action'. */
  score: string;
  /** The result being explained (a segment code, tier letter, stage, amount...). */
  result: number | string | null;
  /** The rule or model code and version, e.g. 'rfm_quintiles_v1', 'bgnbd_gamma_gamma_v1'. */
  model: string;
  /** The inputs the score was computed from. */
  inputs: Record<string, number | string | null>;
  /** Model parameters or rule settings in force. */
  parameters: Record<string, number | string | null>;
  /** The rules that fired, in order. */
  reasons: ScoreReason[];
};
