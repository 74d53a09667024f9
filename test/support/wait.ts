const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns something other than undefined (or false). The deadline only
 * keeps a broken test from hanging; nothing asserts how long it took.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, deadlineMs = 60_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await sleep(25);
  }
}
