import {
  COMPLIANCE_STATES, DELIVERABLE_STATES, FORM_STATUSES, FORM_TIMELINESS, HOLDER_TYPES, HONORS, LEADER_POSITIONS, NOMINATION_STATUSES, ORG_KINDS, ORG_LEVELS, ORG_SECTORS, ORG_STATUSES, RISKS, ROLES,
} from '@tuanjian/contracts';
import type { OrgEvent } from './api/types';

/** The Chinese word for every enum value the API sends; code stays English (see GLOSSARY.md). */
type Labels<T extends readonly string[]> = Record<T[number], string>;

export const KIND_LABELS: Labels<typeof ORG_KINDS> = {
  committee: '团委', working_committee: '团工委', general_branch: '团总支', branch: '团支部',
  direct_org: '直属团组织', quasi_org: '类团组织', youth_group: '青年组织', partner_unit: '共建单位',
};
export const STATUS_LABELS: Labels<typeof ORG_STATUSES> = { preparing: '筹建中', founded: '已成立', dissolved: '已撤销' };
export const STATUS_COLORS: Labels<typeof ORG_STATUSES> = { preparing: 'orange', founded: 'green', dissolved: 'default' };
export const LEVEL_LABELS: Labels<typeof ORG_LEVELS> = {
  national: '全国', province: '省级', city: '市级', county: '县级', township: '乡镇级', village: '村级', grassroots: '基层',
};
export const SECTOR_LABELS: Labels<typeof ORG_SECTORS> = {
  rural: '农村', urban_community: '城市社区', school: '学校', state_enterprise: '国有企业', non_public_enterprise: '非公企业',
  social_organization: '社会组织', agency: '机关事业单位', industrial_park: '产业园区', other: '其他',
};
export const POSITION_LABELS: Labels<typeof LEADER_POSITIONS> = {
  secretary: '书记', deputy_secretary: '副书记', committee_member: '委员', acting_secretary: '代理书记',
};
export const HONOR_LABELS: Labels<typeof HONORS> = { youth_civilization_post: '青年文明号', may_fourth_red_flag: '五四红旗团组织' };
export const ROLE_LABELS: Labels<typeof ROLES> = { administrator: '系统管理员', security_admin: '安全管理员', audit_admin: '审计管理员', manager: '管理员', reporter: '填报员', viewer: '查看者' };

export const NOMINATION_STATUS_LABELS: Labels<typeof NOMINATION_STATUSES> = {
  nominated: '待审定', approved: '已审定', returned: '已退回', withdrawn: '已撤回',
};
export const NOMINATION_STATUS_COLORS: Labels<typeof NOMINATION_STATUSES> = {
  nominated: 'processing', approved: 'success', returned: 'error', withdrawn: 'default',
};
export const COMPLIANCE_STATE_LABELS: Labels<typeof COMPLIANCE_STATES> = {
  met: '达标', partly: '部分完成', missed: '未完成', upcoming: '进行中', not_applicable: '不适用',
};
/** Cell backgrounds and text of the compliance matrix (readable contrast on each). */
export const COMPLIANCE_STATE_STYLES: Record<(typeof COMPLIANCE_STATES)[number], { background: string; color: string }> = {
  met: { background: '#d9f7be', color: '#135200' },
  partly: { background: '#fff1b8', color: '#614700' },
  missed: { background: '#ffccc7', color: '#820014' },
  upcoming: { background: '#e6f4ff', color: '#003eb3' },
  not_applicable: { background: '#f0f0f0', color: '#595959' },
};
/** Who holds a role or sits on a pairing side. */
export const HOLDER_TYPE_LABELS: Labels<typeof HOLDER_TYPES> = { org: '团组织', department: '部室', cadre: '团干部' };
/** The template's holder word (org | department | person) as people read it. */
export const TEMPLATE_HOLDER_LABELS: Record<string, string> = { org: '团组织', department: '部室', person: '团干部' };
export const DELIVERABLE_STATE_LABELS: Labels<typeof DELIVERABLE_STATES> = {
  met: '按时', late: '逾期提交', missed: '未交', upcoming: '待交', due_soon: '即将到期',
};
export const DELIVERABLE_STATE_COLORS: Labels<typeof DELIVERABLE_STATES> = {
  met: 'success', late: 'warning', missed: 'error', upcoming: 'default', due_soon: 'processing',
};
export const RISK_LABELS: Labels<typeof RISKS> = { overdue: '已逾期', at_risk: '有风险' };
export const RISK_COLORS: Labels<typeof RISKS> = { overdue: 'error', at_risk: 'warning' };
/** Template vocabulary (domain/templates); unknown values are shown as they are. */
export const MEASURE_LABELS: Record<string, string> = {
  count: '次数', full_days: '整天数', people_reached: '覆盖人数', amount: '金额', distinct_days: '不同天数',
};
export const PERIOD_LABELS: Record<string, string> = {
  week: '每周', month: '每月', quarter: '每季度', half_year: '每半年', year: '每年', program: '整个周期',
};
export const SUBJECT_KIND_LABELS: Record<string, string> = {
  role: '角色', pairing_side: '结对方', department: '部室', cadre: '团干部', org_kind: '组织类型',
};
/** Work record statuses; the server may add more, shown as they are. */
export const RECORD_STATUS_LABELS: Record<string, string> = {
  draft: '草稿', submitted: '已提交', verified: '已核实', returned: '已退回', superseded: '已被新版本取代',
};
export const RECORD_STATUS_COLORS: Record<string, string> = {
  draft: 'default', submitted: 'processing', verified: 'success', returned: 'error', superseded: 'default',
};
/** A reporter's form in its workflow, and whether it reached the level above by the due date. */
export const FORM_STATUS_LABELS: Labels<typeof FORM_STATUSES> = { draft: '填报中', submitted: '已上报', approved: '审核通过', returned: '已退回' };
export const FORM_STATUS_COLORS: Labels<typeof FORM_STATUSES> = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'error' };
export const FORM_TIMELINESS_LABELS: Labels<typeof FORM_TIMELINESS> = { on_time: '按时', late: '逾期报送', overdue: '逾期未报', pending: '未到期' };
export const FORM_TIMELINESS_COLORS: Labels<typeof FORM_TIMELINESS> = { on_time: 'success', late: 'warning', overdue: 'error', pending: 'default' };
export const QUANTITY_LABELS: Record<string, string> = { days: '天数', peopleReached: '覆盖人数', amount: '金额（元）' };

export const EVENT_LABELS: Record<OrgEvent['kind'], string> = {
  created: '创建（筹建）', founded: '成立', dissolved: '撤销', moved: '迁移', merged: '合并', split: '拆分',
};

/** Audit actions as the server writes them; unknown ones are shown as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录', 'auth.login_failed': '登录失败', 'auth.logout': '退出登录', 'auth.logout_all': '退出所有设备',
  'user.create': '新建用户', 'user.update': '修改用户', 'user.password_change': '修改密码',
  'org.create': '新建组织', 'org.update': '修改组织', 'org.move': '迁移组织', 'org.dissolve': '撤销组织',
  'org.merge': '合并组织', 'org.split': '拆分组织', 'org.found': '成立组织', 'org.import': '导入组织',
  'org.import_divisions': '按行政区划建立组织', 'org.read': '查看组织',
  'department.create': '新建部室', 'department.update': '修改部室', 'cadre.create': '新建团干部', 'cadre.update': '修改团干部',
};
export const OBJECT_TYPE_LABELS: Record<string, string> = { org: '组织', user: '用户', department: '部室', cadre: '团干部', org_import: '组织导入' };

/** Options for an antd Select, in the order the contracts list the values. */
export function optionsOf<K extends string>(values: readonly K[], labels: Record<K, string>) {
  return values.map((value) => ({ value, label: labels[value] }));
}

export const label = <K extends string>(labels: Record<K, string>, value: K | null | undefined): string =>
  value ? (labels[value] ?? value) : '—';

/** The server's password policy in words (the server checks it; this only helps people choose). */
export const PASSWORD_HINT = '至少10位，包含大写字母、小写字母、数字、符号中的三类';
