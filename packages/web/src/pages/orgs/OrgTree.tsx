import type { Org } from '@tuanjian/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Empty, Spin, Tag, Tree, Typography, type GetRef, type TreeDataNode } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type Key } from 'react';
import { fetchChildrenPage, orgKeys, useOrgRoots } from '../../api/orgs';
import type { OrgPage } from '../../api/types';
import { useReportError } from '../../components/useReportError';
import { KIND_LABELS } from '../../labels';

type Node = TreeDataNode & { key: string; org?: Org; more?: { parentId: number; page: number } };

type Props = {
  selectedId: number | undefined;
  /** Ancestors of the selected org, root first: the tree opens them so the selection is visible. */
  ancestorIds: number[];
  onSelect: (id: number) => void;
  height: number;
};

/**
 * The org tree, loaded lazily one page of children at a time (500, the API's maximum) and virtualized,
 * so a county with hundreds of villages or a province with tens of thousands of units stays smooth.
 * Pages live in the query cache; after a write, invalidation refetches them and the tree follows.
 */
export function OrgTree({ selectedId, ancestorIds, onSelect, height }: Props) {
  const qc = useQueryClient();
  const roots = useOrgRoots();
  const report = useReportError();
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  // parent id → how many pages of its children have been requested
  const [pages, setPages] = useState<Record<number, number>>({});
  const pagesRef = useRef(pages);
  pagesRef.current = pages;
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([]);
  const [cacheTick, setCacheTick] = useState(0);

  useEffect(
    () => qc.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'success' && e.query.queryKey[1] === 'children') setCacheTick((t) => t + 1);
    }),
    [qc],
  );

  const loadPage = useCallback(async (parentId: number, page: number) => {
    try {
      await fetchChildrenPage(qc, parentId, page);
      setPages((p) => ({ ...p, [parentId]: Math.max(p[parentId] ?? 0, page) }));
    } catch (e) {
      report(e);
    }
  }, [qc, report]);

  const treeData = useMemo(() => {
    const build = (org: Org): Node => {
      const loaded = pages[org.id];
      let children: Node[] | undefined;
      if (loaded) {
        children = [];
        const seen = new Set<number>();
        let total = 0;
        let complete = true;
        for (let p = 1; p <= loaded; p++) {
          const data = qc.getQueryData<OrgPage>(orgKeys.children(org.id, p));
          if (!data) { complete = false; break; }
          total = data.total;
          for (const child of data.items) {
            if (seen.has(child.id)) continue; // a child may shift pages between two refetches
            seen.add(child.id);
            children.push(build(child));
          }
        }
        if (complete && seen.size < total) {
          children.push({
            key: `more:${org.id}:${loaded + 1}`,
            title: `加载更多…（已显示 ${seen.size} / ${total}）`,
            isLeaf: true,
            more: { parentId: org.id, page: loaded + 1 },
          });
        }
      }
      return { key: String(org.id), title: org.name, isLeaf: !org.hasChildren, children, org };
    };
    return (roots.data?.items ?? []).map(build);
    // cacheTick: rebuild when a cached page was refetched
  }, [roots.data, pages, qc, cacheTick]); // eslint-disable-line react-hooks/exhaustive-deps

  // The roots of the user's scope start open: one level of the tree is always in view.
  const rootsOpened = useRef(false);
  useEffect(() => {
    const items = roots.data?.items ?? [];
    if (items.length === 0 || rootsOpened.current) return;
    rootsOpened.current = true;
    void Promise.all(items.filter((o) => o.hasChildren && !pagesRef.current[o.id]).map((o) => loadPage(o.id, 1))).then(() =>
      setExpandedKeys((keys) => Array.from(new Set([...keys, ...items.map((o) => String(o.id))]))),
    );
  }, [roots.data]); // eslint-disable-line react-hooks/exhaustive-deps

  // Once the selected org's node is in the rendered tree, scroll it into view (once per navigation).
  // The virtual list may give up while rows are still being measured or re-rendered; check and retry a few times.
  const pendingScroll = useRef<string | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const scrollToKey = (key: string, attempt: number) => {
    setTimeout(() => {
      const row = boxRef.current?.querySelector('.ant-tree-treenode-selected');
      const holder = boxRef.current?.querySelector('.ant-tree-list-holder');
      if (row && holder) {
        const r = row.getBoundingClientRect();
        const h = holder.getBoundingClientRect();
        if (r.top >= h.top && r.bottom <= h.bottom) return; // already in view
      }
      treeRef.current?.scrollTo({ key, align: 'auto' });
      if (attempt < 4) scrollToKey(key, attempt + 1);
    }, attempt === 0 ? 50 : 300);
  };
  useEffect(() => {
    const key = pendingScroll.current;
    if (!key) return;
    const has = (nodes: Node[] | undefined): boolean => !!nodes?.some((n) => n.key === key || has(n.children as Node[] | undefined));
    if (!has(treeData)) return;
    pendingScroll.current = null;
    // after the virtual list has measured its new rows
    scrollToKey(key, 0);
  }, [treeData, expandedKeys]);

  // Open the path down to the selected org (after search or breadcrumb navigation) and scroll to it.
  const ancestorKey = ancestorIds.join('/');
  useEffect(() => {
    if (selectedId === undefined || ancestorIds.length === 0) return;
    let cancelled = false;
    void (async () => {
      for (const id of ancestorIds) {
        if (!pagesRef.current[id]) await loadPage(id, 1);
        if (cancelled) return;
      }
      setExpandedKeys((keys) => Array.from(new Set([...keys, ...ancestorIds.map(String)])));
      pendingScroll.current = String(selectedId);
    })();
    return () => { cancelled = true; };
  }, [selectedId, ancestorKey]); // eslint-disable-line react-hooks/exhaustive-deps

  if (roots.isPending) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (roots.isError) return <Typography.Text type="danger">{roots.error.message}</Typography.Text>;
  if (treeData.length === 0) return <Empty description="您的管理范围内没有组织" />;

  return (
    <div ref={boxRef}>
      <Tree<Node>
        ref={treeRef}
        aria-label="组织树"
        treeData={treeData}
        virtual
        height={height}
        blockNode
        showLine={{ showLeafIcon: false }}
        expandedKeys={expandedKeys}
        onExpand={(keys) => setExpandedKeys(keys)}
        selectedKeys={selectedId !== undefined ? [String(selectedId)] : []}
        loadData={async (node) => {
          if (node.org && !pagesRef.current[node.org.id]) await loadPage(node.org.id, 1);
        }}
        onSelect={(_keys, info) => {
          const node = info.node;
          if (node.more) void loadPage(node.more.parentId, node.more.page);
          else if (node.org) onSelect(node.org.id);
        }}
        titleRender={(node) =>
          node.org ? (
            <span style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text delete={node.org.status === 'dissolved'} type={node.org.status === 'dissolved' ? 'secondary' : undefined}>
                {node.org.name}
              </Typography.Text>
              {node.org.status === 'preparing' && <Tag color="orange" style={{ marginInlineStart: 6 }}>筹建中</Tag>}
              <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>{KIND_LABELS[node.org.kind]}</Typography.Text>
            </span>
          ) : (
            <Typography.Link>{String(node.title)}</Typography.Link>
          )
        }
      />
    </div>
  );
}
