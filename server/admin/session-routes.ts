import type { FastifyInstance } from 'fastify';
import type { AdminAuth } from '../auth/admin-auth.js';
import { HttpError } from '../http-error.js';

/** POST /v1/admin/login, POST /v1/admin/logout, GET /v1/admin/me. */
export async function sessionRoutes(app: FastifyInstance, options: { auth: AdminAuth }): Promise<void> {
  const { auth } = options;
  app.post(
    '/login',
    { config: { public: true }, schema: { body: { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 500 } } } } },
    async (req, reply) => {
      const { token } = req.body as { token: string };
      if (!(await auth.login(token, req, reply))) throw new HttpError(401, 'wrong_token', 'Wrong operator token.');
      return reply.code(204).send();
    },
  );
  app.post('/logout', { config: { public: true } }, async (req, reply) => {
    await auth.logout(req, reply);
    return reply.code(204).send();
  });
  app.get('/me', async () => ({ ok: true }));
}
