// The template language: schema, parsing, cross-reference checks and the helpers the server calls.
export * from './vocabulary';
export {
  ProgramTemplate,
  ProgramTemplateShape,
  DueRuleSchema,
  type TemplateRole,
  type TemplateStandard,
  type TemplatePairingMode,
  type TemplateRecordKind,
  type TemplateObligation,
  type TemplateDeliverable,
  type TemplateTarget,
  type TemplateSubject,
} from './schema';
export * from './cross-refs';
export * from './form-schema';
export * from './assessment-schema';
export * from './standards';
export * from './parse';
export * from './obligations-of';
