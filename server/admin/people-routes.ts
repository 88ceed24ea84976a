import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http-error.js';
import { siteIdOf } from './site-id-of.js';
import type { Store } from '../store/store.js';
import { peopleByScore } from './people-by-score.js';
import { intParam, strParam } from './query-params.js';

/** People list and profile, and the privacy API: export and erase everything about one person. */
export async function peopleRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  const siteOf = (params: unknown) => siteIdOf(store, params);
  const idOf = (params: unknown): string => {
    const id = (params as { id: string }).id;
    if (!id || id.length > 200) throw new HttpError(400, 'invalid_request', 'id must be 1 to 200 characters');
    return id;
  };

  app.get('/sites/:site/people', async (req) => {
    const q = req.query as Record<string, unknown>;
    const limit = intParam(q.limit, 'limit', 50, 500);
    const search = strParam(q.q, 'q');
    const sort = strParam(q.sort, 'sort') ?? 'recent';
    if (sort !== 'recent' && sort !== 'score') throw new HttpError(400, 'invalid_request', 'sort must be "recent" (default) or "score"');
    if (sort === 'score' && search) throw new HttpError(400, 'invalid_request', 'q cannot be combined with sort=score yet');
    const siteId = await siteOf(req.params);
    if (sort === 'score') return peopleByScore(store, siteId, limit);
    return { people: await store.listPeople(siteId, { limit, ...(search ? { q: search } : {}) }) };
  });

  app.get('/sites/:site/people/:id', async (req) => {
    const siteId = await siteOf(req.params);
    const person = await store.findPerson(siteId, idOf(req.params));
    if (!person) throw new HttpError(404, 'person_not_found', 'No person with that id, anonymousId or userId.');
    return { person, events: await store.personEvents(siteId, person, 200) };
  });

  app.get('/sites/:site/people/:id/export', async (req, reply) => {
    const siteId = await siteOf(req.params);
    const id = idOf(req.params);
    const data = await store.exportPerson(siteId, id);
    if (!data) throw new HttpError(404, 'person_not_found', 'Nothing is stored under that id, anonymousId or userId.');
    const filename = `kizuna-${siteId}-${id}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
    reply.header('Content-Disposition', `attachment; filename="${filename}.json"`);
    return { siteId, requestedId: id, exportedAt: new Date().toISOString(), ...data };
  });

  const erase = async (req: { params: unknown }): Promise<{ deleted: { events: number; people: number } }> => {
    const siteId = await siteOf(req.params);
    const deleted = await store.deletePerson(siteId, idOf(req.params));
    if (!deleted) throw new HttpError(404, 'person_not_found', 'Nothing is stored under that id, anonymousId or userId.');
    return { deleted };
  };
  app.delete('/sites/:site/people/:id/export', erase);
  app.delete('/sites/:site/people/:id', erase);
}
