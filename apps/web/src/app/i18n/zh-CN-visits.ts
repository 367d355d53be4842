/** Simplified Chinese for the visits pages; merged into zh-CN. */
export const zhVisits = {};
