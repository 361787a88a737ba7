import { z } from 'zod';
import { Mobile } from './common';

export const Department = z.object({ id: z.number().int(), orgId: z.number().int(), name: z.string(), version: z.number().int() });
export const DepartmentCreate = z.object({ name: z.string().trim().min(1).max(50) });
export const DepartmentUpdate = z.object({ name: z.string().trim().min(1).max(50), version: z.number().int().min(0) });

export const Cadre = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  name: z.string(),
  position: z.string().nullable(),
  mobile: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export const CadreCreate = z.object({
  name: z.string().trim().min(1).max(50),
  position: z.string().trim().max(50).nullable().optional(),
  departmentId: z.number().int().positive().nullable().optional(),
  mobile: Mobile.nullable().optional(),
});
export const CadreUpdate = CadreCreate.partial().extend({ active: z.boolean().optional(), version: z.number().int().min(0) });
export const PeopleOfOrg = z.object({ departments: z.array(Department), cadres: z.array(Cadre) });
