import { conflict, forbidden, ruleViolation, validationFailed } from '../../platform/errors.js';

export const alreadyOwned = () =>
  conflict('already_claimed', 'Someone else took this customer from the pool first.');
export const claimLimitReached = (limit: number) =>
  ruleViolation('claim_limit_reached', `You have claimed ${limit} customers today, the daily limit.`);
export const holdingLimitReached = (limit: number) =>
  ruleViolation('holding_limit_reached', `You hold ${limit} customers, the most you may hold at once.`);
export const capacityExceeded = (name: string, capacity: number) =>
  ruleViolation('capacity_exceeded', `${name} is at capacity (${capacity} customers).`, [
    { path: 'managerId', message: 'at capacity' },
  ]);
export const cooldownActive = (until: Date) =>
  ruleViolation(
    'cooldown_active',
    `This customer was reclaimed from you; you may claim it again after ${until.toISOString()}.`,
  );
export const notAManager = () => forbidden('Only account managers and team leads claim customers.');
export const cannotAssign = () =>
  forbidden('Only team leads, directors and administrators assign customers.');
export const badAssignee = (message: string) => validationFailed([{ path: 'managerId', message }]);
export const inactiveAssignee = () =>
  ruleViolation('owner_inactive', 'This user is not active and cannot take customers.', [
    { path: 'managerId', message: 'not active' },
  ]);
