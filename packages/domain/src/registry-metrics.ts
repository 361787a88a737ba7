/**
 * Metrics the org registry answers by itself (X.2: figures computed, not typed). A template metric
 * named new_<kind>_count counts the orgs of that kind founded within the program's window under
 * each subject (S4.1 new_direct_org_count: direct orgs founded under each township).
 */
import { TEMPLATE_ORG_KINDS, type TemplateOrgKind } from './templates/vocabulary';

export interface RegistryCountMetric {
  kind: TemplateOrgKind;
}

export function registryCountMetric(metric: string): RegistryCountMetric | null {
  const m = /^new_([a-z_]+)_count$/.exec(metric);
  const kind = m?.[1];
  return kind && (TEMPLATE_ORG_KINDS as readonly string[]).includes(kind) ? { kind: kind as TemplateOrgKind } : null;
}
