/**
 * Audit completeness as an invariant (issue 9): in tests, every successful state-changing request
 * must leave at least one audit row carrying its request id. The check runs after each response, so
 * every integration test of every route proves it for the requests it makes.
 */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Writes that change nothing: validation reports, dry runs, a job that audits when it finishes. */
const NOT_CHANGING = new Set(['POST /api/templates/validate', 'POST /api/orgs/import']);

export function checkAuditCompleteness(app: FastifyInstance, database: Database, report: (violation: string) => void) {
  app.addHook('onSend', async (request, reply, payload) => {
    const route = `${request.method} ${request.routeOptions.url}`;
    if (!WRITES.has(request.method) || reply.statusCode >= 300 || !request.routeOptions.url?.startsWith('/api/') || NOT_CHANGING.has(route)) return payload;
    if (reply.getHeader('idempotent-replayed') === 'true') return payload;
    if (typeof payload === 'string' && /"dryRun":true|"ok":false|"already":true/.test(payload)) return payload;
    const rows = await database.query('SELECT 1 FROM audit_log WHERE request_id = $1 LIMIT 1', [String(request.id)]);
    if (rows.length === 0) report(`${route} answered ${reply.statusCode} without an audit row`);
    return payload;
  });
}
