import { describe, expect, it } from 'vitest';
import { registryCountMetric } from './registry-metrics';

describe('S4.1 metrics counted from the registry', () => {
  it('S4.1 new_direct_org_count counts founded direct orgs; other metrics have no registry source', () => {
    expect(registryCountMetric('new_direct_org_count')).toEqual({ kind: 'direct_org' });
    expect(registryCountMetric('new_quasi_org_count')).toEqual({ kind: 'quasi_org' });
    expect(registryCountMetric('new_spaceship_count')).toBeNull();
    expect(registryCountMetric('standard_member_room_count')).toBeNull();
    expect(registryCountMetric('direct_org_count')).toBeNull();
  });
});
