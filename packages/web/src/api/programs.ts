import type * as C from '@tuanjian/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** The parts of a template definition the pages read (the server validated the whole of it). */
export type TemplateField = {
  id: string; label: string; type: string; required?: boolean; options?: string[]; multiple?: boolean; min?: number; max?: number; help?: string;
};
export type TemplateRecordKind = { id: string; name: string; refs?: string[]; fields: TemplateField[]; quantities?: string[]; withPartner?: boolean };
export type TemplateObligation = {
  id: string; ref: string; name: string; who: { kind: string; ref: string }; measure: string; min: number; period: string;
};
export type TemplateRole = { id: string; name: string; refs?: string[]; holder: string; standard?: string };
export type TemplateStandard = { id: string; name: string; items: { id: string; text: string; ref?: string; mandatory?: boolean }[] };
export type TemplateDefinition = {
  name?: string;
  roles: TemplateRole[];
  obligations: TemplateObligation[];
  recordKinds: TemplateRecordKind[];
  standards: TemplateStandard[];
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
  };
}

export const programKeys = {
  all: ['programs'] as const,
  list: () => ['programs', 'list'] as const,
  detail: (id: number) => ['programs', 'detail', id] as const,
  nominations: (id: number) => ['programs', 'nominations', id] as const,
  records: (id: number) => ['programs', 'records', id] as const,
  compliance: (id: number, obligation: string) => ['programs', 'compliance', id, obligation] as const,
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

export function useRecords(programId: number) {
  return useQuery({
    queryKey: programKeys.records(programId),
    queryFn: () => api<{ items: ProgramRecord[] }>(`/programs/${programId}/records`),
  });
}

export const useCreateRecord = (programId: number) =>
  useProgramListWrite(programId, programKeys.records(programId), (body: RecordCreate) =>
    api<{ items: ProgramRecord[] }>(`/programs/${programId}/records`, { method: 'POST', body }));

export function useCompliance(programId: number, obligation: string | undefined) {
  return useQuery({
    queryKey: programKeys.compliance(programId, obligation ?? ''),
    queryFn: () => api<ComplianceMatrix>(`/programs/${programId}/compliance`, { query: { obligation } }),
    enabled: Boolean(obligation),
    retry: false,
  });
}
