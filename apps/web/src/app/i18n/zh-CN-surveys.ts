/** Simplified Chinese for the surveys pages; merged into zh-CN. */
export const zhSurveys = {};
