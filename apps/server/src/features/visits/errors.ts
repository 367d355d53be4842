import { forbidden } from '../../platform/errors.js';

export const cannotConfigure = () =>
  forbidden('Only administrators and directors change visit and care settings.');
export const cannotEditReferenceData = () =>
  forbidden(
    'Only senior and key-account managers, directors and administrators change the visit cadence and the care templates.',
  );
export const cannotPlan = () =>
  forbidden('Only the owner, their team lead, a director or an administrator changes a visit plan.');
export const cannotSeeAgenda = () => forbidden('You may only see the agenda of people in your teams.');
