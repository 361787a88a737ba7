import type * as C from '@tuanjian/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/** The parsed (output) type of a contracts schema, without importing zod into the web bundle. */
type Infer<S> = S extends { _output: infer O } ? O : never;

export type Program = Infer<typeof C.Program>;
export type ProgramCreate = Infer<typeof C.ProgramCreate>;
export type TemplateSummary = Infer<typeof C.TemplateSummary>;
export type TemplateDetail = Infer<typeof C.TemplateDetail>;
export type Nomination = Infer<typeof C.Nomination>;
export type NominationCreate = Infer<typeof C.NominationCreate>;
export type NominationDecision = Infer<typeof C.NominationDecision>;
export type ProgramRecord = Infer<typeof C.ProgramRecord>;
export type RecordCreate = Infer<typeof C.RecordCreate>;
export type ComplianceMatrix = Infer<typeof C.ComplianceMatrix>;
export type ComplianceState = ComplianceMatrix['rows'][number]['cells'][number]['state'];
export type HolderAssign = Infer<typeof C.HolderAssign>;
export type HolderView = Infer<typeof C.HolderView>;
export type Pairing = Infer<typeof C.Pairing>;
export type PairingImportResult = Infer<typeof C.PairingImportResult>;
export type AssignmentsApply = Infer<typeof C.AssignmentsApply>;
export type DeliverableStatus = Infer<typeof C.DeliverableStatus>;
export type DeliverableState = DeliverableStatus['rows'][number]['cells'][number]['state'];
export type RiskList = Infer<typeof C.RiskList>;
export type RiskItem = Infer<typeof C.RiskItem>;

/** The parts of a template definition the pages read (the server validated the whole of it). */
export type TemplateField = {
  id: string; label: string; type: string; required?: boolean; options?: string[]; multiple?: boolean; min?: number; max?: number; help?: string;
};
export type TemplateRecordKind = {
  id: string; name: string; refs?: string[]; fields: TemplateField[]; quantities?: string[]; withPartner?: boolean; byDepartment?: boolean; byCadres?: boolean;
  evidence?: 'required' | 'optional' | 'none';
};
export type TemplateObligation = {
  id: string; ref: string; name: string; who: { kind: string; ref: string }; measure: string; min: number; period: string;
  what?: { recordKinds?: string[]; jointWithPartner?: boolean };
};
export type TemplateRole = { id: string; name: string; refs?: string[]; holder: string; standard?: string };
export type TemplatePairingMode = { id: string; name: string; refs?: string[]; sides: { id: string; name: string; who: { roles?: string[]; holder?: string } }[] };
export type TemplateDeliverable = { id: string; ref: string; name: string; who: { kind: string; ref: string }; count: number; period?: string; recordKind?: string };
export type TemplateAssignment = { ref: string; pairingMode: string; rows: Record<string, string[]>[] };
export type TemplateStandard = { id: string; name: string; items: { id: string; text: string; ref?: string; mandatory?: boolean }[] };
export type TemplateDefinition = {
  name?: string;
  roles: TemplateRole[];
  obligations: TemplateObligation[];
  recordKinds: TemplateRecordKind[];
  standards: TemplateStandard[];
  pairingModes: TemplatePairingMode[];
  deliverables: TemplateDeliverable[];
  assignments: TemplateAssignment[];
};

/** Reads a definition defensively: a template without some section simply has none of it. */
export function definitionOf(t: TemplateDetail | undefined): TemplateDefinition {
  const d = (t?.definition ?? {}) as Partial<TemplateDefinition>;
  return {
    name: d.name,
    roles: Array.isArray(d.roles) ? d.roles : [],
    obligations: Array.isArray(d.obligations) ? d.obligations : [],
    recordKinds: Array.isArray(d.recordKinds) ? d.recordKinds : [],
    standards: Array.isArray(d.standards) ? d.standards : [],
    pairingModes: Array.isArray(d.pairingModes) ? d.pairingModes : [],
    deliverables: Array.isArray(d.deliverables) ? d.deliverables : [],
    assignments: Array.isArray(d.assignments) ? d.assignments : [],
  };
}

export const programKeys = {
  all: ['programs'] as const,
  list: () => ['programs', 'list'] as const,
  detail: (id: number) => ['programs', 'detail', id] as const,
  nominations: (id: number) => ['programs', 'nominations', id] as const,
  records: (id: number) => ['programs', 'records', id] as const,
  compliance: (id: number, obligation: string) => ['programs', 'compliance', id, obligation] as const,
  pairings: (id: number) => ['programs', 'pairings', id] as const,
  deliverables: (id: number) => ['programs', 'deliverables', id] as const,
  risks: (id: number) => ['programs', 'risks', id] as const,
};
export const templateKeys = {
  list: () => ['templates', 'list'] as const,
  detail: (id: number) => ['templates', 'detail', id] as const,
};

export function usePrograms() {
  return useQuery({ queryKey: programKeys.list(), queryFn: () => api<{ items: Program[] }>('/programs') });
}

export function useProgram(id: number | undefined) {
  return useQuery({ queryKey: programKeys.detail(id ?? 0), queryFn: () => api<Program>(`/programs/${id}`), enabled: id !== undefined });
}

export function useTemplates(enabled = true) {
  return useQuery({ queryKey: templateKeys.list(), queryFn: () => api<{ items: TemplateSummary[] }>('/templates'), enabled });
}

export function useTemplate(id: number | undefined) {
  return useQuery({
    queryKey: templateKeys.detail(id ?? 0),
    queryFn: () => api<TemplateDetail>(`/templates/${id}`),
    enabled: id !== undefined,
    staleTime: 5 * 60_000,
  });
}

export function useCreateProgram() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgramCreate) => api<Program>('/programs', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: programKeys.all }),
  });
}

export function useNominations(programId: number) {
  return useQuery({
    queryKey: programKeys.nominations(programId),
    queryFn: () => api<{ items: Nomination[] }>(`/programs/${programId}/nominations`),
  });
}

/** Writes answer the fresh list; it replaces the cache, and the matrix is refreshed since roles decide its rows. */
function useProgramListWrite<V, T>(programId: number, key: readonly unknown[], fn: (vars: V) => Promise<{ items: T[] }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (list) => {
      qc.setQueryData(key, list);
      await qc.invalidateQueries({ queryKey: ['programs', 'compliance', programId] });
    },
  });
}

export const useNominate = (programId: number) =>
  useProgramListWrite(programId, programKeys.nominations(programId), (body: NominationCreate) =>
    api<{ items: Nomination[] }>(`/programs/${programId}/nominations`, { method: 'POST', body }));

export const useDecideNomination = (programId: number) =>
  useProgramListWrite(programId, programKeys.nominations(programId), ({ nominationId, ...body }: NominationDecision & { nominationId: number }) =>
    api<{ items: Nomination[] }>(`/programs/${programId}/nominations/${nominationId}/decision`, { method: 'POST', body }));

export interface RecordFilter { page: number; pageSize: number; kind?: string; status?: string; orgId?: number }
export type RecordPage = Infer<typeof C.RecordList>;

/** One page of the program's records in the reader's scope, newest first; the page before stays shown while the next loads. */
export function useRecords(programId: number, filter: RecordFilter) {
  return useQuery({
    queryKey: [...programKeys.records(programId), filter],
    queryFn: () => api<RecordPage>(`/programs/${programId}/records`, { query: { ...filter } }),
    placeholderData: keepPreviousData,
  });
}

/** The records behind a computed figure, by id (a cell, a risk, a sample), in pages of the route's 500. */
export function useRecordsByIds(programId: number, ids: readonly (string | number)[]) {
  const key = [...new Set(ids.map(String))].sort((a, b) => Number(a) - Number(b));
  return useQuery({
    queryKey: [...programKeys.records(programId), 'ids', key.join(',')],
    enabled: key.length > 0,
    queryFn: async () => {
      const chunks = Array.from({ length: Math.ceil(key.length / 500) }, (_, i) => key.slice(i * 500, i * 500 + 500));
      const pages = await Promise.all(chunks.map((c) => api<RecordPage>(`/programs/${programId}/records`, { query: { ids: c.join(','), pageSize: 500 } })));
      return pages.flatMap((p) => p.items);
    },
  });
}

export function useCompliance(programId: number, obligation: string | undefined) {
  return useQuery({
    queryKey: programKeys.compliance(programId, obligation ?? ''),
    queryFn: () => api<ComplianceMatrix>(`/programs/${programId}/compliance`, { query: { obligation } }),
    enabled: Boolean(obligation),
    retry: false,
  });
}

/** Holders decide the rows of every matrix, deliverable and risk list: refresh them all after a change. */
async function refreshComputed(qc: ReturnType<typeof useQueryClient>, programId: number) {
  await Promise.all(['compliance', 'deliverables', 'risks', 'pairings'].map((k) => qc.invalidateQueries({ queryKey: ['programs', k, programId] })));
}

/** Names a holder directly (the issuer's departments, cadres, assigned orgs); answers the nominations list. */
export function useAssignHolder(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: HolderAssign) => api<{ items: Nomination[] }>(`/programs/${programId}/holders`, { method: 'POST', body }),
    onSuccess: async (list) => {
      qc.setQueryData(programKeys.nominations(programId), list);
      await refreshComputed(qc, programId);
    },
  });
}

export function useWithdrawHolder(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ roleId, ...body }: { roleId: number; version: number; reason: string }) =>
      api<{ items: Nomination[] }>(`/programs/${programId}/holders/${roleId}/withdraw`, { method: 'POST', body }),
    onSuccess: async (list) => {
      qc.setQueryData(programKeys.nominations(programId), list);
      await refreshComputed(qc, programId);
    },
  });
}

export function usePairings(programId: number) {
  return useQuery({
    queryKey: programKeys.pairings(programId),
    queryFn: () => api<{ items: Pairing[] }>(`/programs/${programId}/pairings`),
  });
}

/** A roster upload; a dry run changes nothing, a real one refreshes pairings and holders. */
export function useImportPairings(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, modeKey, dryRun }: { file: File; modeKey?: string; dryRun: boolean }) => {
      const form = new FormData();
      if (modeKey) form.append('modeKey', modeKey);
      form.append('dryRun', dryRun ? 'true' : 'false');
      form.append('file', file); // the server reads fields that come before the file part only
      return api<PairingImportResult>(`/programs/${programId}/pairings/import`, { method: 'POST', form });
    },
    onSuccess: async (result) => {
      if (result.dryRun || !result.ok) return;
      await qc.invalidateQueries({ queryKey: programKeys.nominations(programId) });
      await refreshComputed(qc, programId);
    },
  });
}

export function useApplyAssignments(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignmentsApply) => api<PairingImportResult>(`/programs/${programId}/assignments/apply`, { method: 'POST', body }),
    onSuccess: async (result) => {
      if (result.dryRun || !result.ok) return;
      await qc.invalidateQueries({ queryKey: programKeys.nominations(programId) });
      await refreshComputed(qc, programId);
    },
  });
}

export function useDeliverables(programId: number) {
  return useQuery({
    queryKey: programKeys.deliverables(programId),
    queryFn: () => api<{ items: DeliverableStatus[] }>(`/programs/${programId}/deliverables`),
  });
}

export function useRisks(programId: number, soonDays?: number) {
  return useQuery({
    queryKey: [...programKeys.risks(programId), soonDays ?? null],
    queryFn: () => api<RiskList>(`/programs/${programId}/risks`, { query: { soonDays } }),
  });
}
