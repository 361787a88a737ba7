import { Button, Empty, Input, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useOrgSearch } from '../../api/orgs';
import { KIND_LABELS, STATUS_COLORS, STATUS_LABELS } from '../../labels';

const SHOWN = 30;

/** Finds orgs in the user's scope by part of the name or code; a click selects the org. */
export function OrgSearchBox({ onSelect }: { onSelect: (id: number) => void }) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const search = useOrgSearch({ q, pageSize: SHOWN }, q.length > 0);

  const clear = () => {
    setText('');
    setQ('');
  };

  return (
    <div>
      <Input.Search
        aria-label="搜索组织"
        placeholder="搜索组织名称或编码"
        allowClear
        enterButton="搜索"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value) setQ('');
        }}
        onSearch={(v) => setQ(v.trim())}
        loading={search.isFetching}
      />
      {q && (
        <section aria-label="搜索结果" style={{ marginTop: 8, border: '1px solid #f0f0f0', borderRadius: 8, padding: 4 }}>
          <div style={{ display: 'flex', alignItems: 'center', padding: '2px 8px' }}>
            <Typography.Text type="secondary" style={{ flex: 1, fontSize: 12 }}>
              {search.data
                ? search.data.total > SHOWN
                  ? `共 ${search.data.total} 个结果，显示前 ${SHOWN} 个，请输入更准确的名称`
                  : `共 ${search.data.total} 个结果`
                : '搜索中…'}
            </Typography.Text>
            <Button size="small" type="link" onClick={clear}>关闭</Button>
          </div>
          {search.isPending ? (
            <Spin size="small" style={{ display: 'block', margin: 12 }} />
          ) : search.isError ? (
            <Typography.Text type="danger">{search.error.message}</Typography.Text>
          ) : search.data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的组织" />
          ) : (
            <ul className="tj-search-results" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {search.data.items.map((o) => (
                <li key={o.id}>
                  <button
                    type="button"
                    className="tj-search-item"
                    onClick={() => {
                      setQ(''); // fold the results away so the tree shows where the org sits; 搜索 brings them back
                      onSelect(o.id);
                    }}
                  >
                    <Typography.Text strong>{o.name}</Typography.Text>
                    {o.status !== 'founded' && <Tag color={STATUS_COLORS[o.status]} style={{ marginInlineStart: 6 }}>{STATUS_LABELS[o.status]}</Tag>}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{KIND_LABELS[o.kind]} · {o.code}</Typography.Text>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
