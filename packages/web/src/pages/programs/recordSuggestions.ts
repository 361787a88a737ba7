import type { Nomination, Pairing, TemplateDefinition } from '../../api/programs';

export type Named = { id: number; name: string };

/** One thing an org is expected to record: the kind an obligation of its role or pairing side asks for, and with whom. */
export type Suggestion = {
  key: string;
  org: Named;
  kind: string;
  kindName: string;
  /** The partners of the pairings the obligation runs through (the other sides' orgs). */
  partners: Named[];
  own: boolean;
};

/**
 * What the approved roles and pairings of a program say each org records (S0.8, S0.9 …): so the
 * form can be filled with the org, the kind and the partner, leaving only what cannot be known.
 * The user's own org comes first.
 */
export function suggestRecords(definition: TemplateDefinition, nominations: Nomination[], pairings: Pairing[], ownOrgId: number | undefined): Suggestion[] {
  const holders = new Map<number, { name: string; roles: Set<string> }>();
  for (const n of nominations) {
    if (n.status !== 'approved' || n.holder.type !== 'org') continue;
    const h = holders.get(n.holder.id) ?? { name: n.orgName ?? n.holder.name, roles: new Set<string>() };
    h.roles.add(n.roleKey);
    holders.set(n.holder.id, h);
  }
  const kinds = new Map(definition.recordKinds.map((k) => [k.id, k]));
  const byKey = new Map<string, Suggestion>();
  const add = (org: Named, kindId: string, partners: Named[]) => {
    const kind = kinds.get(kindId);
    if (!kind) return;
    const key = `${org.id}:${kindId}`;
    const s = byKey.get(key) ?? { key, org, kind: kindId, kindName: kind.name, partners: [], own: org.id === ownOrgId };
    for (const p of kind.withPartner ? partners : []) if (!s.partners.some((x) => x.id === p.id)) s.partners.push(p);
    byKey.set(key, s);
  };

  for (const [orgId, h] of holders) {
    const org = { id: orgId, name: h.name };
    for (const o of definition.obligations) {
      const recordKinds = o.what?.recordKinds ?? [];
      if (o.who.kind === 'role' && h.roles.has(o.who.ref)) {
        for (const k of recordKinds) add(org, k, []);
      }
      if (o.who.kind !== 'pairing_side') continue;
      for (const p of pairings) {
        const side = p.sides.find((s) => s.sideKey === o.who.ref && s.members.some((m) => m.type === 'org' && m.id === orgId));
        if (!side) continue;
        const partners = p.sides.filter((s) => s !== side).flatMap((s) => s.members.filter((m) => m.type === 'org').map((m) => ({ id: m.id, name: m.name })));
        for (const k of recordKinds) add(org, k, partners);
      }
    }
  }
  return [...byKey.values()].sort((a, b) => Number(b.own) - Number(a.own));
}

/** A shorter name for a chip on a phone: '共青团某某村委员会' reads as '某某村团委'. */
export function shortName(name: string): string {
  const m = /^共青团(.+?)(委员会|工作委员会)$/.exec(name);
  return m ? `${m[1]}团${m[2] === '工作委员会' ? '工委' : '委'}` : name;
}
