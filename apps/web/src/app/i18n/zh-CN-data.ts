/** Simplified Chinese for the data pages; merged into zh-CN. */
export const zhData = {};
