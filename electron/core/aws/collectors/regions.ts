/**
 * The regions enabled for the account, for scans of "every enabled region": EC2 DescribeRegions
 * without AllRegions lists the regions the account may use (opt-in regions only once opted in).
 */
import { DescribeRegionsCommand, type EC2Client, type Region } from '@aws-sdk/client-ec2';

/**
 * Region names from a DescribeRegions answer: sorted, without duplicates, without regions marked
 * `not-opted-in` (AWS leaves those out when AllRegions is false; emulators and old answers do not).
 */
export function enabledRegionNames(regions: readonly Pick<Region, 'RegionName' | 'OptInStatus'>[]): string[] {
  const names = new Set<string>();
  for (const region of regions) {
    if (region.RegionName === undefined || region.RegionName === '') continue;
    if (region.OptInStatus === 'not-opted-in') continue;
    names.add(region.RegionName);
  }
  return [...names].sort();
}

/** Asks EC2 (through a scan client, so the read-only guard and call counting apply). */
export async function listEnabledRegions(client: EC2Client, options: { signal?: AbortSignal } = {}): Promise<string[]> {
  const answer = await client.send(new DescribeRegionsCommand({ AllRegions: false }), options.signal !== undefined ? { abortSignal: options.signal } : {});
  return enabledRegionNames(answer.Regions ?? []);
}
