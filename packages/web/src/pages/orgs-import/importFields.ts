import { IMPORT_FIELDS } from '@tuanjian/contracts';

type ImportFieldName = (typeof IMPORT_FIELDS)[number];

/** Our import fields in Chinese; the same words are the default column headers (and those of the export). */
export const IMPORT_FIELD_LABELS: Record<ImportFieldName, string> = {
  code: '编码', name: '名称', parentCode: '上级编码', kind: '类型', sector: '领域', level: '层级', status: '状态',
  divisionCode: '行政区划代码', foundedOn: '成立日期', memberCount: '团员数', secretaryName: '书记姓名', secretaryMobile: '书记手机',
};

export const REQUIRED_IMPORT_FIELDS: readonly ImportFieldName[] = ['code', 'name', 'parentCode', 'kind'];

export const DEFAULT_MAPPING: Record<ImportFieldName, string> = { ...IMPORT_FIELD_LABELS };

export { IMPORT_FIELDS, type ImportFieldName };
