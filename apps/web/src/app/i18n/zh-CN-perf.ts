/** Simplified Chinese for the perf pages; merged into zh-CN. */
export const zhPerf = {};
