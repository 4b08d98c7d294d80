import autocannon from 'autocannon';

/**
 * One client flooding one URL, in a process of its own so that its load generation never delays
 * the probe's timing in `ops-flood.ts`, which starts it. Prints autocannon's figures as JSON.
 */
async function main(): Promise<void> {
  const result = await autocannon({
    url: process.env.FLOOD_URL ?? '',
    headers: JSON.parse(process.env.FLOOD_HEADERS ?? '{}') as Record<string, string>,
    connections: Number(process.env.FLOOD_CONNECTIONS ?? 64),
    duration: Number(process.env.FLOOD_SECONDS ?? 10),
    timeout: 10,
  });
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([status, { count }]) => `${status}×${count}`)
    .join(' ');
  console.log(JSON.stringify({ reqPerSec: result.requests.average, statuses }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
