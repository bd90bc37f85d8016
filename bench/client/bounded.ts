/**
 * Runs task(i) for i in 0..count-1 with at most `concurrency` in flight, and
 * starts no new task after the deadline. Returns how many succeeded and the
 * first few errors, so one refused connection never hides the rest.
 */
export async function runBounded(
  count: number,
  concurrency: number,
  deadline: number,
  task: (index: number) => Promise<void>,
): Promise<{ succeeded: number; failed: number; errors: string[] }> {
  let next = 0;
  let succeeded = 0;
  let failed = 0;
  const errors: string[] = [];
  const lane = async () => {
    while (next < count && Date.now() < deadline) {
      const index = next++;
      try {
        await task(index);
        succeeded++;
      } catch (error) {
        failed++;
        if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { succeeded, failed, errors };
}
