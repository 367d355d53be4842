import { AppError, conflict, ruleViolation, validationFailed } from '../../platform/errors.js';
import type { DuplicateCandidate } from '@steward/contracts';

export const customerNotFound = () => new AppError(404, 'not_found', 'Customer not found.');
export const contactNotFound = () => new AppError(404, 'not_found', 'Contact not found.');

export const duplicateSuspected = (candidates: DuplicateCandidate[]) =>
  conflict(
    'duplicate_suspected',
    'This customer looks like one that exists. Open or merge it, or create anyway with ?force=true.',
    {
      candidates,
    },
  );

export const externalIdTaken = (candidates: DuplicateCandidate[]) =>
  conflict('external_id_taken', 'Another customer has this external id.', { candidates });

export const unknownOwner = () => validationFailed([{ path: 'ownerId', message: 'no user with this id' }]);
export const ownerInactive = () =>
  ruleViolation(
    'owner_inactive',
    'This user is not active (on leave or departed) and cannot take customers.',
    [{ path: 'ownerId', message: 'not active' }],
  );
export const ownerCannotOwn = () =>
  ruleViolation('owner_role_not_allowed', 'Service agents and analysts do not own customers.', [
    { path: 'ownerId', message: 'this role cannot own customers' },
  ]);
export const mergeWithSelf = () =>
  validationFailed([{ path: 'sourceId', message: 'cannot merge a customer into itself' }]);
