import type { Division } from './divisions.source';

/** Turns a division into the league committee that serves it, named the way committees sign their documents. */
export function committeeFor(d: Division, provinceName: string | undefined): { name: string; kind: string; sector: string | null } {
  switch (d.level) {
    case 'province':
    case 'county':
      return { name: `共青团${d.name}委员会`, kind: 'committee', sector: null };
    case 'city':
      // municipalities list their districts under a pseudo-city "市辖区"
      return { name: d.name === '市辖区' || d.name === '县' ? `共青团${provinceName ?? ''}${d.name}委员会` : `共青团${d.name}委员会`, kind: 'committee', sector: null };
    case 'township':
      return d.name.endsWith('街道') || d.name.endsWith('街道办事处')
        ? { name: `${d.name.replace(/办事处$/, '')}团工委`, kind: 'working_committee', sector: 'urban_community' }
        : { name: `${d.name}团委`, kind: 'committee', sector: 'rural' };
    case 'village': {
      // 雷丰村委会 → 雷丰村团支部; 圩镇社区居委会 → 圩镇社区团支部
      const urban = /(社区|居委会|居民委员会)/.test(d.name);
      const base = d.name
        .replace(/(村民委员会|村委会)$/, '村')
        .replace(/(社区)?(居民委员会|居委会)$/, '社区')
        .replace(/委员会$/, '');
      return { name: `${base}团支部`, kind: 'branch', sector: urban ? 'urban_community' : 'rural' };
    }
  }
}
