import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useOrgSearch } from '../api/orgs';
import { KIND_LABELS } from '../labels';

type Props = {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** The currently chosen org's name, shown before any search (e.g. a user's present org). */
  initial?: { id: number; name: string };
  /** Orgs that may not be chosen (the org itself when moving or merging). */
  excludeIds?: number[];
  /** Leave out dissolved orgs (targets of a move or merge must still exist). */
  activeOnly?: boolean;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
};

/** Debounces typing so each keystroke does not become a request. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Picks an org within the user's scope by typing part of its name or code (GET /api/orgs?q=). */
export function OrgSelect({ value, onChange, initial, excludeIds, activeOnly, placeholder, id, ...rest }: Props) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const { data, isFetching } = useOrgSearch({ q, pageSize: 30 }, q.length > 0);

  const options = useMemo(() => {
    const items = (data?.items ?? [])
      .filter((o) => !excludeIds?.includes(o.id) && !(activeOnly && o.status === 'dissolved'))
      .map((o) => ({ value: o.id, label: `${o.name}（${KIND_LABELS[o.kind]} · ${o.code}）` }));
    if (initial && !items.some((o) => o.value === initial.id)) items.unshift({ value: initial.id, label: initial.name });
    return items;
  }, [data, excludeIds, activeOnly, initial]);

  return (
    <Select<number>
      id={id}
      aria-label={rest['aria-label']}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={placeholder ?? '输入名称或编码搜索'}
      notFoundContent={isFetching ? <Spin size="small" /> : q ? '没有匹配的组织' : '请输入名称或编码'}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
