/** `--stats`: this process's CPU time and peak memory, as one JSON line on stderr (for benchmarks). */
export function printStats(extra: Record<string, number> = {}): void {
  const usage = process.resourceUsage();
  process.stderr.write(
    `stats: ${JSON.stringify({ cpu_user_ms: usage.userCPUTime / 1000, cpu_system_ms: usage.systemCPUTime / 1000, max_rss_mb: usage.maxRSS / 1024, ...extra })}\n`,
  );
}
