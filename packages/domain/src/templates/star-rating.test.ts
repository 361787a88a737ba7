import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { byId, loadBuiltin, readBuiltin } from './builtin.testing';
import { parseTemplate } from './parse';

describe('对标定级 in the template language (issue 7)', () => {
  const t = loadBuiltin('x-branch-star-rating.yaml');

  it('X.4 the branch standard is 100 points, three mandatory items, bands with quotas and a lock day', () => {
    const s = byId(t.standards, 'branch_star_rating');
    expect(s.items.reduce((sum, i) => sum + (i.points ?? 0), 0)).toBe(100);
    expect(s.items.filter((i) => i.mandatory).map((i) => i.id)).toEqual(['organization', 'secretary', 'meetings']);
    expect(s.rating).toMatchObject({ mandatoryCap: 3, lockOn: '12-20', bands: [{ stars: 5, maxShare: 0.2 }, { stars: 4, maxShare: 0.6 }, { stars: 3 }] });
  });

  it('a rated standard needs points on every item, and a star level once', () => {
    const doc = parse(readBuiltin('x-branch-star-rating.yaml'));
    delete doc.standards[0].items[2].points;
    doc.standards[0].rating.bands.push({ stars: 5, minScore: 95 });
    const result = parseTemplate(stringify(doc));
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.errors.map((e) => e.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('条目 membership 须写分值 points'), expect.stringContaining('星级')]));
  });
});
