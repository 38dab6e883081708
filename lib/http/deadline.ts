/** What `within` answers when the work did not settle in time. */
export const TIMED_OUT = Symbol("timed out");

/**
 * The work's own outcome, or TIMED_OUT once `milliseconds` pass: for a dependency that may never answer (a
 * database or a Redis behind a black hole), so that the request is answered anyway. The work is abandoned, not
 * stopped; if it fails later, that is already answered, not an unhandled rejection.
 */
export async function within<T>(work: Promise<T>, milliseconds: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), milliseconds);
  });
  try {
    const first = await Promise.race([work, deadline]);
    if (first === TIMED_OUT) work.catch(() => {});
    return first;
  } finally {
    clearTimeout(timer);
  }
}
