import http from 'node:http';
import { baselinePostsFromEnvironment, envelope } from './baseline-posts';

/**
 * Baseline 1: a bare `node:http` server with a `pg` pool doing the same work as Strata's read
 * routes and nothing else. Started by the suite: PORT, DATABASE_URL, JWT_SECRET, BENCH_POST_ID.
 */
const POST_PATH = /^\/api\/v1\/posts\/([0-9a-f-]{36})$/;

async function main(): Promise<void> {
  const posts = await baselinePostsFromEnvironment();

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const id = POST_PATH.exec(url.pathname)?.[1];
    if (id !== undefined) {
      const post = posts.cachedPost(id);
      send(res, post ? 200 : 404, post ? envelope(post) : { success: false });
      return;
    }
    if (url.pathname === '/api/v1/posts' || url.pathname === '/health/ready') {
      const query = url.searchParams;
      posts.page(query.get('limit') ?? undefined, query.get('cursor') ?? undefined).then(
        (page) => send(res, 200, page),
        () => send(res, 422, { success: false }),
      );
      return;
    }
    send(res, 404, { success: false });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
