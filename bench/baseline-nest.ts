import 'reflect-metadata';
import type { OnModuleDestroy } from '@nestjs/common';
import { Controller, Get, Module, NotFoundException, Param, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import { BaselinePosts, envelope } from './baseline-posts';

/**
 * Baseline 2: a bare Nest app on Express (the default platform), one controller, no pipes, guards,
 * interceptors, middleware, logger or metrics: the same reads as Strata's. Started by the suite
 * with PORT, DATABASE_URL, JWT_SECRET and BENCH_POST_ID.
 */
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
});
const posts = new BaselinePosts(pool, process.env.JWT_SECRET ?? '');

@Controller()
class PostsController {
  @Get('api/v1/posts/:id')
  findOne(@Param('id') id: string): object {
    const post = posts.cachedPost(id);
    if (!post) {
      throw new NotFoundException();
    }
    return envelope(post);
  }

  @Get(['api/v1/posts', 'health/ready'])
  list(@Query('limit') limit?: string, @Query('cursor') cursor?: string): Promise<object> {
    return posts.page(limit, cursor);
  }
}

@Module({ controllers: [PostsController] })
class BareModule implements OnModuleDestroy {
  async onModuleDestroy(): Promise<void> {
    await pool.end();
  }
}

async function main(): Promise<void> {
  await posts.preload(process.env.BENCH_POST_ID ?? '');
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
