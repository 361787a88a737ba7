import type * as C from '@tuanjian/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from './client';

type Infer<S> = S extends { _output: infer O } ? O : never;

export type FormSummary = Infer<typeof C.FormSummary>;
export type FormPeriod = Infer<typeof C.FormPeriodView>;
export type FormPeriodStatus = Infer<typeof C.FormPeriodStatus>;
export type PeriodReporter = FormPeriodStatus['reporters'][number];
export type ReportingRate = Infer<typeof C.ReportingRate>;
export type FormReport = Infer<typeof C.FormReport>;
export type FormColumn = Infer<typeof C.FormColumnView>;
export type FormRow = Infer<typeof C.FormRowView>;
export type FormCell = Infer<typeof C.FormCellView>;
export type FormChange = Infer<typeof C.FormChange>;
export type FormCellDetail = Infer<typeof C.FormCellDetail>;
export type FormTypedUpdate = Infer<typeof C.FormTypedUpdate>;
export type FormDecision = Infer<typeof C.FormDecision>;
export type FormException = Infer<typeof C.FormException>;
export type FormOverdueList = Infer<typeof C.FormOverdueList>;
export type FormStatus = FormReport['status'];
export type FormTimeliness = FormReport['timeliness'];

/** Where one reporter's form for one period lives, in the API and in the app's own address. */
export interface ReportAddress { programId: number; formKey: string; period: string; reporter: string }

const reportPath = (a: ReportAddress) =>
  `/programs/${a.programId}/forms/${encodeURIComponent(a.formKey)}/periods/${encodeURIComponent(a.period)}/reports/${a.reporter}`;

/** The page that shows one report (the same path as the API's, under the app). */
export const reportPagePath = (a: ReportAddress) => reportPath(a);
export const reportXlsxUrl = (a: ReportAddress) => apiUrl(`${reportPath(a)}/xlsx`);

export const formKeys = {
  all: (programId: number) => ['forms', programId] as const,
  list: (programId: number) => ['forms', programId, 'list'] as const,
  overdue: (programId: number) => ['forms', programId, 'overdue'] as const,
  status: (programId: number, formKey: string, period: string, under?: number) => ['forms', programId, 'status', formKey, period, under ?? null] as const,
  report: (a: ReportAddress) => ['forms', a.programId, 'report', a.formKey, a.period, a.reporter] as const,
  cell: (a: ReportAddress, row: string, column: string) => ['forms', a.programId, 'cell', a.formKey, a.period, a.reporter, row, column] as const,
};

export const useForms = (programId: number) =>
  useQuery({ queryKey: formKeys.list(programId), queryFn: () => api<{ items: FormSummary[] }>(`/programs/${programId}/forms`), staleTime: 60_000 });

export const useOverdueForms = (programId: number) =>
  useQuery({ queryKey: formKeys.overdue(programId), queryFn: () => api<FormOverdueList>(`/programs/${programId}/forms/overdue`) });

export const usePeriodStatus = (programId: number, formKey: string | undefined, period: string | undefined, under?: number) =>
  useQuery({
    queryKey: formKeys.status(programId, formKey ?? '', period ?? '', under),
    queryFn: () => api<FormPeriodStatus>(`/programs/${programId}/forms/${encodeURIComponent(formKey!)}/periods/${encodeURIComponent(period!)}`, { query: { under } }),
    enabled: Boolean(formKey && period),
    placeholderData: keepPreviousData,
  });

export const useFormReport = (a: ReportAddress) =>
  useQuery({ queryKey: formKeys.report(a), queryFn: () => api<FormReport>(reportPath(a)) });

export const useFormCell = (a: ReportAddress, cell: { row: string; column: string } | null) =>
  useQuery({
    queryKey: formKeys.cell(a, cell?.row ?? '', cell?.column ?? ''),
    queryFn: () => api<FormCellDetail>(`${reportPath(a)}/cell`, { query: cell ?? {} }),
    enabled: cell !== null,
  });

/**
 * Every workflow step answers the fresh report: it replaces the cached one, and the period's rates
 * and the overdue list (which count its status) are fetched again.
 */
function useReportWrite<V>(a: ReportAddress, fn: (vars: V) => Promise<FormReport>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (report) => {
      qc.setQueryData(formKeys.report(a), report);
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['forms', a.programId, 'status'] }),
        qc.invalidateQueries({ queryKey: formKeys.overdue(a.programId) }),
        qc.invalidateQueries({ queryKey: ['forms', a.programId, 'cell'] }),
      ]);
    },
  });
}

export const useUpdateTyped = (a: ReportAddress) =>
  useReportWrite(a, (body: FormTypedUpdate) => api<FormReport>(reportPath(a), { method: 'PATCH', body }));

export const useSubmitForm = (a: ReportAddress) =>
  useReportWrite(a, (version: number) => api<FormReport>(`${reportPath(a)}/submit`, { method: 'POST', body: { version } }));

export type DecisionVerb = 'approve' | 'return' | 'reopen';
export const useDecideForm = (a: ReportAddress) =>
  useReportWrite(a, ({ verb, ...body }: FormDecision & { verb: DecisionVerb }) => api<FormReport>(`${reportPath(a)}/${verb}`, { method: 'POST', body }));

export const useGrantException = (a: ReportAddress) =>
  useReportWrite(a, (body: FormException) => api<FormReport>(`${reportPath(a)}/exceptions`, { method: 'POST', body }));
