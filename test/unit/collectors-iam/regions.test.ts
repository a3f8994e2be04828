/** Enabled regions: the pure reading of DescribeRegions, and the call itself. */
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { enabledRegionNames, listEnabledRegions } from '@core/aws/collectors/regions';

const ec2 = mockClient(EC2Client);
afterAll(() => ec2.restore());

describe('enabledRegionNames', () => {
  it('keeps enabled regions, sorted and once each; drops not-opted-in and nameless entries', () => {
    expect(
      enabledRegionNames([
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'opted-in' },
        { RegionName: 'ap-east-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'eu-west-1' },
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { OptInStatus: 'opted-in' },
        { RegionName: '' },
      ]),
    ).toEqual(['af-south-1', 'eu-west-1', 'us-east-1']);
    expect(enabledRegionNames([])).toEqual([]);
  });
});

describe('listEnabledRegions', () => {
  it('asks for the enabled regions only (AllRegions false)', async () => {
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'eu-central-1', OptInStatus: 'opt-in-not-required' }, { RegionName: 'ap-east-1', OptInStatus: 'not-opted-in' }] });
    const client = new EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDUNIT', secretAccessKey: 'x' } });
    expect(await listEnabledRegions(client)).toEqual(['eu-central-1']);
    expect(ec2.commandCalls(DescribeRegionsCommand).map((call) => call.args[0].input)).toEqual([{ AllRegions: false }]);
  });
});
