/**
 * What a program's template says about one target: its whole, its deadline in the program's year,
 * whom it is split among, which role marks key areas, and whether the registry can count it.
 */
import { registryCountMetric, resolveMonthDay, type ProgramTemplate, type TemplateTarget } from '@tuanjian/domain';
import { BadRequestError } from '../../http/errors';
import type { loadProgram } from '../programs/programs.service';

export type LoadedProgram = Awaited<ReturnType<typeof loadProgram>>;

/** An unknown target is bad input (the program is visible, the key is wrong), so 400 with the field. */
export function targetOf(program: LoadedProgram, key: string, path = 'querystring.target'): TemplateTarget {
  const t = (program.template.targets ?? []).find((x) => x.id === key);
  if (!t) throw new BadRequestError(`本专项工作没有目标 ${key}`, [{ path, message: '目标不存在' }]);
  return t;
}

/** A 'MM-DD' deadline falls in the program's run; without one the program's end is the deadline. */
export function deadlineOf(program: LoadedProgram, target: Pick<TemplateTarget, 'deadline'>): string {
  return target.deadline ? resolveMonthDay(target.deadline, program.p.startsOn) : program.p.endsOn;
}

/** A split target has one whole for the program's scope; a per-subject target (`who`) gives each holder the same figure. */
export function isSplittable(target: TemplateTarget): boolean {
  return target.who === undefined && target.target !== undefined;
}

export function roleOf(template: ProgramTemplate, id: string | undefined) {
  return id === undefined ? undefined : template.roles.find((r) => r.id === id);
}

/** The role the template splits over (S4.1: township committees), when the split names one. */
export function splitRole(program: LoadedProgram, target: TemplateTarget) {
  const over = target.split?.over;
  return over?.kind === 'role' ? roleOf(program.template, over.ref) : undefined;
}

export function countedKind(target: TemplateTarget): string | null {
  return registryCountMetric(target.metric)?.kind ?? null;
}

/** The counting window: from the program's start to the day asked about, never past the program's end. */
export function countWindow(program: LoadedProgram, asOf: string): { start: string; asOf: string } {
  return { start: program.p.startsOn, asOf: asOf > program.p.endsOn ? program.p.endsOn : asOf };
}
