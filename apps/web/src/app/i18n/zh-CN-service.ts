/** Simplified Chinese for the service pages; merged into zh-CN. */
export const zhService = {};
