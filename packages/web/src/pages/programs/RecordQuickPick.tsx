import { Space, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { shortName, type Named, type Suggestion } from './recordSuggestions';

const CHIP: CSSProperties = { whiteSpace: 'normal', border: '1px solid #d9d9d9', padding: '2px 8px', marginInlineEnd: 0 };
const MAX_ORGS = 12;

/**
 * Two taps instead of typing: the org (from the program's approved holders, the user's own first),
 * then what that org records under its roles and pairings, with the partner named.
 */
export function RecordQuickPick({ suggestions, orgId, kindId, onPickOrg, onPick }: {
  suggestions: Suggestion[]; orgId: number | undefined; kindId: string | undefined; onPickOrg: (org: Named) => void; onPick: (s: Suggestion) => void;
}) {
  const orgs: Named[] = [];
  for (const s of suggestions) if (!orgs.some((o) => o.id === s.org.id)) orgs.push(s.org);
  const kinds = suggestions.filter((s) => s.org.id === orgId);
  if (orgs.length === 0) return null;
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>按名单与结对预填，点选即可：</Typography.Text>
      <Space size={[6, 6]} wrap role="group" aria-label="名单中的组织">
        {orgs.slice(0, MAX_ORGS).map((o) => (
          <Tag.CheckableTag key={o.id} checked={o.id === orgId} onChange={() => onPickOrg(o)} style={CHIP}>{shortName(o.name)}</Tag.CheckableTag>
        ))}
      </Space>
      {kinds.length > 0 && (
        <Space size={[6, 6]} wrap role="group" aria-label="该组织要记录的工作" style={{ marginTop: 8 }}>
          {kinds.map((s) => (
            <Tag.CheckableTag key={s.key} checked={s.kind === kindId} onChange={() => onPick(s)} style={CHIP}>
              {s.kindName}{s.partners.length === 1 ? `（与${shortName(s.partners[0]!.name)}）` : ''}
            </Tag.CheckableTag>
          ))}
        </Space>
      )}
    </div>
  );
}
