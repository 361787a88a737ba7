import type { Action } from '@tuanjian/contracts';
import { loginAs, seedUser, type Client, type testApp } from './helpers';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { createProgram } from '../src/features/programs/programs.service';
import { nominate } from '../src/features/programs/nominations.service';
import { drawSpotCheck } from '../src/features/spotchecks/spotchecks.service';
import { createOrg } from '../src/features/orgs/orgs.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';

/**
 * Every API route with the action it needs and a request on an object inside or outside the caller's scope.
 * The access matrix (scope-matrix.test.ts) runs them for every role; the separation of duties
 * (separation-of-duties.test.ts) for the three administrators. Callers sit at 梅县区; "in" is a township
 * under it, "out" the sibling county 兴宁市. A file calls `seedAccessFixtures` once before using CASES.
 */
export type Target = 'in' | 'out';
export interface Case {
  action: Action | null; // null: any signed-in user (own session, own jobs)
  scoped: boolean; // does the route act on an object that can be out of scope?
  request: (c: Client, ids: Ids, target: Target, n: number) => Promise<{ statusCode: number }>;
}
export interface Ids { org: Record<Target, number>; user: Record<Target, number>; department: Record<Target, number>; cadre: Record<Target, number>; program: Record<Target, number>; nomination: Record<Target, number>; templateId: number; record: Record<Target, number>; evidence: Record<Target, number>; spotCheck: Record<Target, number>; task: Record<Target, number>; bulletin: Record<Target, number>; adjustment: Record<Target, number>; ratingProgram: Record<Target, number> }

type TestApp = Awaited<ReturnType<typeof testApp>>;
let t: TestApp;

const multipartCsv = (c: Client, app: TestApp['app']) => {
  const boundary = 'x-boundary';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n编码,名称,上级编码,类型\r\n\r\n--${boundary}--\r\n`;
  return app.inject({ method: 'POST', url: '/api/orgs/import', payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': c.csrfToken }, cookies: { tj_session: c.cookie } });
};

/** One file as the browser's upload sends it; `n` makes every file's bytes distinct. */
const uploadFile = (c: Pick<Client, 'cookie' | 'csrfToken'>, recordId: number, bytes: Buffer) => {
  const boundary = 'x-evidence';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return t.app.inject({ method: 'POST', url: `/api/records/${recordId}/evidence`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': c.csrfToken }, cookies: { tj_session: c.cookie } });
};
const pdfBytes = (n: number) => Buffer.from(`%PDF-1.4\n% matrix ${n}\n%%EOF\n`);
let rootAdmin: Client; // seeds evidence on both sides
const deleteEvidenceAs = async (c: Client, recordId: number, n: number) => {
  const id = (await uploadFile(rootAdmin, recordId, pdfBytes(100_000 + n))).json().id as number;
  return t.app.inject({ method: 'DELETE', url: `/api/evidence/${id}`, headers: { 'x-csrf-token': c.csrfToken }, cookies: { tj_session: c.cookie } });
};

export const CASES: Record<string, Case> = {
  'GET /api/auth/session': { action: null, scoped: false, request: (c) => c.get('/api/auth/session') },
  'POST /api/auth/logout-all': { action: null, scoped: false, request: async () => ({ statusCode: 200 }) },
  'POST /api/auth/logout': { action: null, scoped: false, request: async () => ({ statusCode: 200 }) },
  'POST /api/auth/password': { action: null, scoped: false, request: (c) => c.post('/api/auth/password', { currentPassword: 'wrong-Passw0rd', newPassword: 'x' }) },
  // Enrolment is one's own: administrators are enrolled already (409), the others get an unconfirmed secret.
  'POST /api/auth/totp/setup': { action: null, scoped: false, request: (c) => c.post('/api/auth/totp/setup') },
  'POST /api/auth/totp/confirm': { action: null, scoped: false, request: (c) => c.post('/api/auth/totp/confirm', { code: '000000' }) },
  'GET /api/orgs/roots': { action: 'org.tree', scoped: false, request: (c) => c.get('/api/orgs/roots') },
  'GET /api/orgs': { action: 'org.tree', scoped: true, request: (c, i, w) => c.get(`/api/orgs?under=${i.org[w]}`) },
  'GET /api/orgs/:id': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/orgs/${i.org[w]}`) },
  'GET /api/orgs/:id/children': { action: 'org.tree', scoped: true, request: (c, i, w) => c.get(`/api/orgs/${i.org[w]}/children`) },
  'GET /api/orgs/:id/events': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/orgs/${i.org[w]}/events`) },
  'GET /api/orgs/export': { action: 'org.export', scoped: true, request: (c, i, w) => c.get(`/api/orgs/export?under=${i.org[w]}`) },
  'POST /api/orgs': { action: 'org.create', scoped: true, request: (c, i, w, n) => c.post('/api/orgs', { parentId: i.org[w], code: `M-${n}`, name: `矩阵${n}`, kind: 'branch' }) },
  'PATCH /api/orgs/:id': { action: 'org.update', scoped: true, request: (c, i, w) => c.patch(`/api/orgs/${i.org[w]}`, { version: 99999, name: '改名' }) },
  'POST /api/orgs/:id/move': { action: 'org.restructure', scoped: true, request: (c, i, w) => c.post(`/api/orgs/${i.org[w]}/move`, { newParentId: i.org[w], effectiveOn: '2026-01-01', version: 99999 }) },
  'POST /api/orgs/:id/dissolve': { action: 'org.restructure', scoped: true, request: (c, i, w) => c.post(`/api/orgs/${i.org[w]}/dissolve`, { effectiveOn: '2026-01-01', reason: 'x', version: 99999 }) },
  'POST /api/orgs/:id/merge': { action: 'org.restructure', scoped: true, request: (c, i, w) => c.post(`/api/orgs/${i.org[w]}/merge`, { intoId: i.org[w], effectiveOn: '2026-01-01', version: 99999 }) },
  'POST /api/orgs/:id/split': { action: 'org.restructure', scoped: true, request: (c, i, w) => c.post(`/api/orgs/${i.org[w]}/split`, { effectiveOn: '2026-01-01', version: 99999, parts: [{ name: 'a', code: 'SA', childIds: [] }, { name: 'b', code: 'SB', childIds: [] }] }) },
  'POST /api/orgs/:id/found': { action: 'org.update', scoped: true, request: (c, i, w) => c.post(`/api/orgs/${i.org[w]}/found`, { effectiveOn: '2026-01-01', version: 99999 }) },
  'POST /api/orgs/import': { action: 'org.import', scoped: false, request: (c) => multipartCsv(c, t.app) },
  'GET /api/jobs/:id': { action: null, scoped: false, request: async (c) => {
    const r = await c.get('/api/jobs/00000000-0000-4000-8000-000000000000');
    return { statusCode: r.statusCode === 404 ? 200 : 500 }; // another user's or unknown job reads as 404
  } },
  'GET /api/orgs/:id/people': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/orgs/${i.org[w]}/people`) },
  'POST /api/orgs/:id/departments': { action: 'org.update', scoped: true, request: (c, i, w, n) => c.post(`/api/orgs/${i.org[w]}/departments`, { name: `部室${n}` }) },
  'PATCH /api/orgs/:id/departments/:itemId': { action: 'org.update', scoped: true, request: (c, i, w) => c.patch(`/api/orgs/${i.org[w]}/departments/${i.department[w]}`, { name: 'x', version: 99999 }) },
  'POST /api/orgs/:id/cadres': { action: 'org.update', scoped: true, request: (c, i, w) => c.post(`/api/orgs/${i.org[w]}/cadres`, { name: '干部', mobile: '13800000000' }) },
  'PATCH /api/orgs/:id/cadres/:itemId': { action: 'org.update', scoped: true, request: (c, i, w) => c.patch(`/api/orgs/${i.org[w]}/cadres/${i.cadre[w]}`, { version: 99999, name: 'x' }) },
  'GET /api/templates': { action: 'org.read', scoped: false, request: (c) => c.get('/api/templates') },
  'GET /api/templates/:id': { action: 'org.read', scoped: false, request: (c, i) => c.get(`/api/templates/${i.templateId}`) },
  'POST /api/templates/validate': { action: 'template.manage', scoped: false, request: (c) => c.post('/api/templates/validate', { yaml: 'id: x' }) },
  'POST /api/templates': { action: 'template.manage', scoped: false, request: (c) => c.post('/api/templates', { yaml: 'id: x' }) },
  'GET /api/programs': { action: 'org.read', scoped: false, request: (c) => c.get('/api/programs') },
  'GET /api/programs/:id': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}`) },
  'POST /api/programs': { action: 'program.create', scoped: true, request: (c, i, w) => c.post('/api/programs', { templateId: i.templateId, issuerOrgId: i.org[w], scopeOrgId: i.org[w], year: 2026 }) },
  'GET /api/programs/:id/nominations': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/nominations`) },
  'POST /api/programs/:id/nominations': { action: 'nomination.create', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/nominations`, { roleKey: 'no_such_role', orgId: i.org[w] }) },
  'POST /api/programs/:id/nominations/:nominationId/decision': { action: 'nomination.decide', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/nominations/${i.nomination[w]}/decision`, { decision: 'approve', version: 99999 }) },
  'GET /api/programs/:id/records': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/records`) },
  'POST /api/programs/:id/records': { action: 'record.create', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/records`, { kind: 'no_such_kind', orgId: i.org[w], occurredOn: '2026-03-01' }) },
  'GET /api/programs/:id/compliance': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/compliance?obligation=s0.8-demo-town-supervision`) },
  'GET /api/programs/:id/pairings': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/pairings`) },
  'POST /api/programs/:id/pairings': { action: 'nomination.decide', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/pairings`, { modeKey: 'no_such_mode', members: { a: [i.org[w]] } }) },
  'POST /api/programs/:id/holders': { action: 'nomination.decide', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/holders`, { roleKey: 'no_such_role', holder: { type: 'org', id: i.org[w] } }) },
  'POST /api/programs/:id/holders/:roleId/withdraw': { action: 'nomination.decide', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/holders/${i.nomination[w]}/withdraw`, { version: 99999, reason: '调整' }) },
  'GET /api/programs/:id/deliverables': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/deliverables`) },
  'POST /api/programs/:id/pairings/import': { action: 'nomination.decide', scoped: true, request: (c, i, w) => {
    const boundary = 'x-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n结对方式,示范单位\r\n\r\n--${boundary}--\r\n`;
    return t.app.inject({ method: 'POST', url: `/api/programs/${i.program[w]}/pairings/import`, payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': c.csrfToken }, cookies: { tj_session: c.cookie } });
  } },
  'POST /api/programs/:id/assignments/apply': { action: 'nomination.decide', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/assignments/apply`, { dryRun: true }) },
  'GET /api/programs/:id/risks': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/risks`) },
  'POST /api/records/:id/submit': { action: 'record.create', scoped: true, request: (c, i, w) => c.post(`/api/records/${i.record[w]}/submit`, { version: 99999 }) },
  'POST /api/records/:id/review': { action: 'record.verify', scoped: true, request: (c, i, w) => c.post(`/api/records/${i.record[w]}/review`, { decision: 'verify', version: 99999 }) },
  'PATCH /api/records/:id': { action: 'record.create', scoped: true, request: (c, i, w) => c.patch(`/api/records/${i.record[w]}`, { version: 99999 }) },
  'GET /api/programs/:id/spot-checks': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/spot-checks`) },
  'POST /api/programs/:id/spot-checks': { action: 'record.verify', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/spot-checks`, { scopeOrgId: i.org[w], month: '2026-03', target: 'record', perStratum: 1, recordKind: 'site_supervision' }) },
  'GET /api/spot-checks/:id': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/spot-checks/${i.spotCheck[w]}`) },
  'GET /api/spot-checks/:id/redraw': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/spot-checks/${i.spotCheck[w]}/redraw`) },
  'POST /api/spot-checks/:id/items/:itemId/finding': { action: 'record.verify', scoped: true, request: (c, i, w) => c.post(`/api/spot-checks/${i.spotCheck[w]}/items/999999/finding`, { orgId: i.org[w], occurredOn: '2026-03-02', fields: {} }) },
  'POST /api/records/:id/checkin-code': { action: 'record.create', scoped: true, request: (c, i, w) => c.post(`/api/records/${i.record[w]}/checkin-code`, {}) },
  'GET /api/records/:id/checkins': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/records/${i.record[w]}/checkins`) },
  'GET /api/records/:id/evidence': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/records/${i.record[w]}/evidence`) },
  'POST /api/records/:id/evidence': { action: 'record.create', scoped: true, request: (c, i, w, n) => uploadFile(c, i.record[w], pdfBytes(n)) },
  'GET /api/evidence/:id': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/evidence/${i.evidence[w]}`) },
  'GET /api/evidence/:id/thumbnail': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/evidence/${i.evidence[w]}/thumbnail`) },
  'DELETE /api/evidence/:id': { action: 'record.create', scoped: true, request: (c, i, w, n) => deleteEvidenceAs(c, i.record[w], n) },
  'GET /api/programs/:id/targets': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/targets`) },
  'GET /api/programs/:id/targets/parts': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/targets/parts?target=no-such-target`) },
  'GET /api/programs/:id/targets/subordinates': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/targets/subordinates?target=no-such-target`) },
  'GET /api/programs/:id/targets/burnup': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/targets/burnup?target=no-such-target`) },
  'POST /api/programs/:id/targets/split': { action: 'target.manage', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/targets/split`, { target: 'no-such-target', method: 'equal' }) },
  'POST /api/programs/:id/targets/snapshots': { action: 'target.manage', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/targets/snapshots`, {}) },
  'GET /api/programs/:id/tasks': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/tasks`) },
  'GET /api/tasks/:id': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/tasks/${i.task[w]}`) },
  'POST /api/tasks/:id/progress': { action: 'task.update', scoped: true, request: (c, i, w) => c.post(`/api/tasks/${i.task[w]}/progress`, { version: 99999, note: '进展' }) },
  'GET /api/programs/:id/bulletins': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/bulletins`) },
  'POST /api/programs/:id/bulletins': { action: 'target.manage', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/bulletins`, { target: 'no-such-target', kind: 'daily', date: '2026-03-01' }) },
  'GET /api/bulletins/:id': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/bulletins/${i.bulletin[w]}`) },
  'GET /api/bulletins/:id/docx': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/bulletins/${i.bulletin[w]}/docx`) },
  'GET /api/programs/:id/forms': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/forms`) },
  'GET /api/programs/:id/forms/overdue': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/forms/overdue`) },
  'GET /api/programs/:id/forms/:formKey/periods/:period': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1`) },
  'GET /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${i.org[w]}`) },
  'PATCH /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter': { action: 'form.submit', scoped: true, request: (c, i, w) => c.patch(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${i.org[w]}`, { version: 99999, notes: 'x' }) },
  'POST /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter/submit': { action: 'form.submit', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${i.org[w]}/submit`, { version: 99999 }) },
  'POST /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter/approve': { action: 'form.approve', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${i.org[w]}/approve`, { version: 99999 }) },
  'POST /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter/return': { action: 'form.approve', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${i.org[w]}/return`, { version: 99999, reason: '退回' }) },
  'POST /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter/reopen': { action: 'form.approve', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${i.org[w]}/reopen`, { version: 99999, reason: '重开' }) },
  'POST /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter/exceptions': { action: 'form.approve', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${i.org[w]}/exceptions`, { until: '2099-01-01', reason: '延期' }) },
  'GET /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter/cell': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${i.org[w]}/cell?row=total&column=meetings`) },
  'GET /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter/xlsx': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${i.org[w]}/xlsx`) },
  // S0.10 prints no sheets: in scope that is a 400, still "allowed"; out of scope a 404 before anything is read.
  'GET /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter/docx': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${i.org[w]}/docx`) },
  'GET /api/programs/:id/ratings/:standardId': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.ratingProgram[w]}/ratings/branch_star_rating`) },
  'PUT /api/programs/:id/ratings/:standardId/orgs/:orgId': { action: 'record.create', scoped: true, request: (c, i, w) => c.put(`/api/programs/${i.ratingProgram[w]}/ratings/branch_star_rating/orgs/${i.org[w]}`, { scores: {}, version: 99999 }) },
  'POST /api/programs/:id/ratings/:standardId/orgs/:orgId/review': { action: 'form.approve', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.ratingProgram[w]}/ratings/branch_star_rating/orgs/${i.org[w]}/review`, { decision: 'approve', version: 99999 }) },
  'GET /api/programs/:id/dashboard': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/dashboard`) },
  'GET /api/programs/:id/rollup': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/rollup?kinds=joint_activity&scopeOrgId=${i.org[w]}&groupLevel=village&unit=quarter`) },
  'GET /api/programs/:id/dashboard/missed': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/dashboard/missed?month=2026-03`) },
  'GET /api/programs/:id/assessments': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/assessments`) },
  'GET /api/programs/:id/assessments/:assessmentId': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/assessments/x4-county-committees`) },
  'GET /api/programs/:id/assessments/:assessmentId/xlsx': { action: 'org.read', scoped: true, request: (c, i, w) => c.get(`/api/programs/${i.program[w]}/assessments/x4-county-committees/xlsx`) },
  'POST /api/programs/:id/assessments/:assessmentId/adjustments': { action: 'assessment.adjust', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/assessments/x4-county-committees/adjustments`, { subjectKey: 'org:999999', points: 1, reason: '测试调整' }) },
  'POST /api/programs/:id/assessments/:assessmentId/adjustments/:adjustmentId/withdraw': { action: 'assessment.adjust', scoped: true, request: (c, i, w) => c.post(`/api/programs/${i.program[w]}/assessments/x4-county-committees/adjustments/${i.adjustment[w]}/withdraw`, { reason: '测试撤销' }) },
  'GET /api/users': { action: 'user.read', scoped: false, request: (c) => c.get('/api/users') },
  'POST /api/users': { action: 'user.manage', scoped: true, request: (c, i, w, n) => c.post('/api/users', { username: `u${n}`, displayName: 'x', role: 'viewer', orgId: i.org[w], password: 'Matrix-Passw0rd' }) },
  'PATCH /api/users/:id': { action: 'user.manage', scoped: true, request: (c, i, w) => c.patch(`/api/users/${i.user[w]}`, { version: 99999, displayName: 'y' }) },
  'GET /api/users/export': { action: 'user.read', scoped: false, request: (c) => c.get('/api/users/export') },
  'GET /api/audit/export': { action: 'audit.read', scoped: false, request: (c) => c.get('/api/audit/export') },
  'GET /api/audit': { action: 'audit.read', scoped: false, request: (c) => c.get('/api/audit') },
  'GET /api/audit/verify': { action: 'audit.read', scoped: false, request: (c) => c.get('/api/audit/verify') },
};

/** The objects the CASES act on, in and out of 梅县区's scope. */
export async function seedAccessFixtures(app: TestApp): Promise<Ids> {
  t = app;
  const inUser = await seedUser(t.database, 'target_in', 'viewer', t.tree.bc);
  const outUser = await seedUser(t.database, 'target_out', 'viewer', t.tree.xn);
  const dep = async (orgId: number) => (await t.database.query<{ id: number }>('INSERT INTO departments (org_id, name) VALUES ($1, $2) RETURNING id', [orgId, '组织部']))[0]!.id;
  const cad = async (orgId: number) => (await t.database.query<{ id: number }>('INSERT INTO cadres (org_id, name) VALUES ($1, $2) RETURNING id', [orgId, '干部甲']))[0]!.id;
  const programs = await seedPrograms();
  return {
    org: { in: t.tree.bc, out: t.tree.xn }, user: { in: inUser, out: outUser },
    department: { in: await dep(t.tree.bc), out: await dep(t.tree.xn) }, cadre: { in: await cad(t.tree.bc), out: await cad(t.tree.xn) },
    ...programs, ...(await seedEvidence(programs.program)), ...(await seedTasksAndBulletins(programs.program)),
  };
}

/** A task, a bulletin and an assessment adjustment in each program, written directly: the S0 template itself has no tasks or bulletins. */
async function seedTasksAndBulletins(program: Record<Target, number>) {
  const task = async (p: number) => (await t.database.query<{ id: number }>(
    "INSERT INTO program_tasks (program_id, number, text, department, person, due_on, due_from_template) VALUES ($1, 1, '任务', '组织部', '干部甲', '2026-12-31', false) RETURNING id", [p]))[0]!.id;
  const content = JSON.stringify({
    masthead: '通报', title: '关于进展情况的通报', asOf: '2026-03-01', kindName: '日通报', periodLabel: '2026年3月1日', targetName: '目标', unit: '个', deadline: null,
    totals: { target: 1, actual: 0, added: 0, rate: 0 }, expectedShare: null, projection: null, ranking: [], lagging: [], highlights: [], paragraphs: ['正文'],
  });
  const bulletin = async (p: number, scopeOrgId: number) => (await t.database.query<{ id: number }>(
    `INSERT INTO bulletins (program_id, target_key, scope_org_id, kind, number, period_key, period_start, period_end, issued_on, issuer_name, content)
     VALUES ($1, 't', $2, 'daily', 1, '2026-03-01', '2026-03-01', '2026-03-01', '2026-03-01', '共青团', $3::jsonb) RETURNING id`, [p, scopeOrgId, content]))[0]!.id;
  const adjustment = async (p: number, orgId: number) => (await t.database.query<{ id: number }>(
    `INSERT INTO assessment_adjustments (program_id, assessment_key, subject_key, points, reason, created_by, created_at)
     VALUES ($1, 'x4-county-committees', $2, 1, '加分', 1, now()) RETURNING id`, [p, `org:${orgId}`]))[0]!.id;
  return {
    task: { in: await task(program.in), out: await task(program.out) }, bulletin: { in: await bulletin(program.in, t.tree.mx), out: await bulletin(program.out, t.tree.xn) },
    adjustment: { in: await adjustment(program.in, t.tree.mx), out: await adjustment(program.out, t.tree.xn) },
  };
}

/** A record in each program and a photo on each, uploaded by an administrator at the root. */
async function seedEvidence(program: Record<Target, number>) {
  await seedUser(t.database, 'm_root', 'administrator', 1);
  rootAdmin = await loginAs(t.app, 'm_root');
  const rec = async (p: number, orgId: number) => (await t.database.query<{ id: number }>(
    "INSERT INTO records (program_id, kind, org_id, occurred_on) VALUES ($1, 'site_supervision', $2, '2026-03-01') RETURNING id", [p, orgId]))[0]!.id;
  const record = { in: await rec(program.in, t.tree.bc), out: await rec(program.out, t.tree.xn) };
  const png = (await import('sharp')).default({ create: { width: 8, height: 8, channels: 3, background: '#c00' } }).png().toBuffer();
  const up = async (recordId: number) => (await uploadFile(rootAdmin, recordId, await png)).json().id as number;
  const sample = (p: number, scopeOrgId: number) => drawSpotCheck(t.database.db, systemContext('test'), SYSTEM_ACTOR, p, { scopeOrgId, month: '2026-03', target: 'record', perStratum: 1, recordKind: 'site_supervision' });
  const spotCheck = { in: await sample(program.in, t.tree.mx), out: await sample(program.out, t.tree.xn) };
  return { record, evidence: { in: await up(record.in), out: await up(record.out) }, spotCheck };
}

/** One S0 program scoped to 梅县区 (in) and one to 兴宁市 (out), each with a demo-town nomination. */
async function seedPrograms() {
  const db = t.database.db;
  const ctx = systemContext('test');
  await registerBuiltinTemplates(db);
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's0-meizhou-pairing'"))[0]!.id;
  const make = (orgId: number) => createProgram(db, ctx, SYSTEM_ACTOR, { templateId, issuerOrgId: orgId, scopeOrgId: orgId, year: 2026 });
  const program = { in: await make(t.tree.mx), out: await make(t.tree.xn) };
  const xnTown = await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: t.tree.xn, code: 'XN-T', name: '兴宁某镇团委', kind: 'committee' });
  const nomination = {
    in: await nominate(db, ctx, SYSTEM_ACTOR, program.in, { roleKey: 'demo_town', orgId: t.tree.bc }),
    out: await nominate(db, ctx, SYSTEM_ACTOR, program.out, { roleKey: 'demo_town', orgId: xnTown }),
  };
  // 对标定级 lives in its own template: one rating program per county, as with the S0 ones.
  const ratingTemplate = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 'x-branch-star-rating'"))[0]!.id;
  const rate = (orgId: number) => createProgram(db, ctx, SYSTEM_ACTOR, { templateId: ratingTemplate, issuerOrgId: orgId, scopeOrgId: orgId, year: 2026 });
  const ratingProgram = { in: await rate(t.tree.mx), out: await rate(t.tree.xn) };
  const selfScored = (p: number, orgId: number) => t.database.query(
    `INSERT INTO star_ratings (program_id, standard_key, org_id, status, self_scores, self_total, self_by, self_at) VALUES ($1, 'branch_star_rating', $2, 'self_scored', '{}', 0, 1, now())`, [p, orgId]);
  await selfScored(ratingProgram.in, t.tree.bc);
  await selfScored(ratingProgram.out, t.tree.xn);
  return { program, nomination, templateId, ratingProgram };
}
