import { forbidden, notFound, validationFailed } from '../../platform/errors.js';

export const viewNotFound = () => notFound('Saved view');
export const notViewOwner = () => forbidden('Only the owner of a saved view changes or deletes it.');
export const teamNotYours = () =>
  validationFailed([{ path: 'sharedTeamId', message: 'not a team you belong to or lead' }]);
