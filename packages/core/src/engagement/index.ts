export { localDayOf, addDays as addCalendarDays, localTimeOn, type Day } from './days.js';
export * from './cadence.js';
export * from './completion.js';
export * from './templates.js';
export * from './care.js';
export * from './agenda.js';
