/** The Chinese names users see for each enum value; imports accept either these or the English codes. */
export const ORG_LABELS: Record<'kind' | 'sector' | 'level' | 'status', Record<string, string>> = {
  kind: {
    committee: '团委', working_committee: '团工委', general_branch: '团总支', branch: '团支部',
    direct_org: '直属团组织', quasi_org: '类团组织', youth_group: '青年组织', partner_unit: '共建单位',
  },
  sector: {
    rural: '农村', urban_community: '城市社区', school: '学校', state_enterprise: '国有企业', non_public_enterprise: '非公企业',
    social_organization: '社会组织', agency: '机关事业单位', industrial_park: '产业园区', other: '其他',
  },
  level: { national: '全国', province: '省级', city: '市级', county: '县级', township: '乡镇级', village: '村级', grassroots: '基层' },
  status: { preparing: '筹建中', founded: '已成立', dissolved: '已撤销' },
};

/** Accepts an English code or its Chinese label; returns the code or null. */
export function parseLabel(field: keyof typeof ORG_LABELS, value: string): string | null {
  const v = value.trim();
  const map = ORG_LABELS[field];
  if (v in map) return v;
  const hit = Object.entries(map).find(([, label]) => label === v);
  return hit ? hit[0] : null;
}
