import { Health } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { currentMigration } from '../../db/migrate';
import type { Services } from '../../http/app';

export async function systemRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/health', { config: { public: true }, schema: { tags: ['system'], response: { 200: Health } } }, async () => {
    const [v] = await s.database.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return { status: 'ok' as const, engine: s.database.engine, serverVersion: v?.v ?? 'unknown', migration: await currentMigration(s.database) };
  });
}
