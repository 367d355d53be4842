import { AppError, conflict, validationFailed } from '../../platform/errors.js';
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

export const unknownOwner = () =>
  validationFailed([{ path: 'ownerId', message: 'no active user with this id' }]);
export const mergeWithSelf = () =>
  validationFailed([{ path: 'sourceId', message: 'cannot merge a customer into itself' }]);
