import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Post } from './post.entity';
import type { PostStatus } from './post.entity';

export interface NewPost {
  id: string;
  title: string;
  content: string;
  status: PostStatus;
  tags: string[];
  slug: string;
  authorId: string;
}

/** `publishedAt: 'now'` stamps the database's clock, with the microseconds the keyset sorts on. */
export interface PostChanges {
  title?: string;
  content?: string;
  tags?: string[];
  slug?: string;
  status?: PostStatus;
  publishedAt?: 'now' | null;
}

export interface PostListFilter {
  authorId?: string;
  tag?: string;
  q?: string;
  /** The author's own list: drafts too, newest written first (`createdAt`), not newest published. */
  includeDrafts?: boolean;
}

export interface PostListRow {
  post: Post;
  authorUsername: string;
  /** The sort column with its full microsecond precision, which a JS Date would cut to milliseconds. */
  sortKey: string;
}

const UTC_MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** TypeORM queries on `posts`, nothing else; every method takes the caller's transaction if any. */
@Injectable()
export class PostsRepository {
  constructor(@InjectRepository(Post) private readonly posts: Repository<Post>) {}

  async insert(values: NewPost, manager?: EntityManager): Promise<void> {
    await this.repository(manager)
      .createQueryBuilder()
      .insert()
      .into(Post)
      .values({ ...values, publishedAt: values.status === 'published' ? () => 'now()' : null })
      .execute();
  }

  /** A post that is not deleted (TypeORM adds `deleted_at IS NULL` for the delete-date column). */
  findById(id: string, manager?: EntityManager): Promise<Post | null> {
    return this.repository(manager).findOneBy({ id });
  }

  /** Applies the changes only if the row is still at `version`; false when it moved on or is gone. */
  async updateIfVersion(
    id: string,
    version: number,
    changes: PostChanges,
    manager?: EntityManager,
  ): Promise<boolean> {
    const { publishedAt, ...fields } = changes;
    const set = {
      ...fields,
      ...(publishedAt === undefined ? {} : { publishedAt: publishedAt === 'now' ? () => 'now()' : null }),
      version: () => 'version + 1',
    };
    const result = await this.repository(manager)
      .createQueryBuilder()
      .update(Post)
      .set(set)
      .where('id = :id AND version = :version AND deleted_at IS NULL', { id, version })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Soft delete; with `version`, only if the row is still at it. False when nothing was deleted. */
  async softDelete(id: string, version: number | undefined, manager?: EntityManager): Promise<boolean> {
    const query = this.repository(manager)
      .createQueryBuilder()
      .update(Post)
      .set({ deletedAt: () => 'now()', version: () => 'version + 1' })
      .where('id = :id AND deleted_at IS NULL', { id });
    if (version !== undefined) {
      query.andWhere('version = :version', { version });
    }
    const result = await query.execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * One keyset page, newest first, with each author's username joined by table name (one indexed
   * statement; posts of deactivated authors are left out). Fetches `take` rows after `after`.
   */
  async list(
    filter: PostListFilter,
    after: { sortKey: string; id: string } | undefined,
    take: number,
    manager?: EntityManager,
  ): Promise<PostListRow[]> {
    const sortColumn = filter.includeDrafts ? 'p.createdAt' : 'p.publishedAt';
    const query = this.repository(manager)
      .createQueryBuilder('p')
      .innerJoin('users', 'u', 'u.id = p.author_id AND u.is_active')
      .addSelect('u.username', 'author_username')
      .addSelect(`to_char(${sortColumn} AT TIME ZONE 'UTC', ${UTC_MICROS})`, 'sort_key')
      .where('p.deletedAt IS NULL')
      .orderBy(sortColumn, 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(take);
    this.applyFilter(query, filter);
    if (after) {
      query.andWhere(`(${sortColumn}, p.id) < (CAST(:sortKey AS timestamptz), CAST(:afterId AS uuid))`, {
        sortKey: after.sortKey,
        afterId: after.id,
      });
    }
    const { entities, raw } = await query.getRawAndEntities<{ author_username: string; sort_key: string }>();
    return entities.map((post, index) => ({
      post,
      authorUsername: raw[index].author_username,
      sortKey: raw[index].sort_key,
    }));
  }

  private applyFilter(query: SelectQueryBuilder<Post>, filter: PostListFilter): void {
    if (!filter.includeDrafts) {
      query.andWhere(`p.status = 'published'`);
    }
    if (filter.authorId !== undefined) {
      query.andWhere('p.authorId = :authorId', { authorId: filter.authorId });
    }
    if (filter.tag !== undefined) {
      query.andWhere('p.tags @> CAST(:tags AS text[])', { tags: [filter.tag] });
    }
    if (filter.q !== undefined) {
      query.andWhere(`p.searchVector @@ websearch_to_tsquery('english', :q)`, { q: filter.q });
    }
  }

  private repository(manager?: EntityManager): Repository<Post> {
    return manager ? manager.getRepository(Post) : this.posts;
  }
}
