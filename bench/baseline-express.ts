import http from 'node:http';
import express from 'express';
import type { Request, Response } from 'express';
import { StrataExpressAdapter } from '../src/common/http/strata-express-adapter';
import { baselinePostsFromEnvironment, envelope } from './baseline-posts';

/**
 * Baselines 3 and 4: a bare Express 5 app with the same reads, one route each, `etag` and
 * `x-powered-by` off, `res.json`. With BENCH_EXPRESS_SERVER=strata its HTTP server is the one
 * Strata's adapter creates (requests born with Express's prototypes): the same app on the floor
 * Strata stands on. Started by the suite: PORT, DATABASE_URL, JWT_SECRET, BENCH_POST_ID.
 */
async function main(): Promise<void> {
  const posts = await baselinePostsFromEnvironment();

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/api/v1/posts/:id', (req: Request<{ id: string }>, res: Response) => {
    const post = posts.cachedPost(req.params.id);
    res.status(post ? 200 : 404).json(post ? envelope(post) : { success: false });
  });
  app.get(['/api/v1/posts', '/health/ready'], (req: Request, res: Response) => {
    const { limit, cursor } = req.query as { limit?: string; cursor?: string };
    posts.page(limit, cursor).then(
      (page) => res.json(page),
      () => res.status(422).json({ success: false }),
    );
  });

  let server = http.createServer(app);
  if (process.env.BENCH_EXPRESS_SERVER === 'strata') {
    const adapter = new StrataExpressAdapter(app);
    adapter.initHttpServer({});
    server = adapter.getHttpServer();
  }
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
