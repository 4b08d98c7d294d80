import { Column, DeleteDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

export const POST_STATUSES = ['draft', 'published'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const POSTS_SLUG_UNIQUE = 'UQ_posts_slug';

/**
 * The full-text document: title and content, English stemming (so "running" finds "run").
 * Kept in `typeorm_metadata` by TypeORM, which is how the drift check knows the expression.
 */
export const SEARCH_VECTOR_EXPRESSION = `to_tsvector('english', "title" || ' ' || "content")`;

@Entity('posts')
// Keyset pages of the public feed and of one author's published posts. Partial, and ordered by the
// sort key then id, so a page deep in the list costs what the first one does. TypeORM cannot express
// partial indexes faithfully enough for its drift check: the migration creates them.
@Index('IX_posts_feed', { synchronize: false })
@Index('IX_posts_author_feed', { synchronize: false })
// An author's own list (drafts included), newest written first.
@Index('IX_posts_author_created', { synchronize: false })
@Index('IX_posts_tags', { synchronize: false })
@Index('IX_posts_search', { synchronize: false })
export class Post extends BaseEntity {
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'enum', enum: POST_STATUSES, enumName: 'posts_status', default: 'draft' })
  status: PostStatus;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** The title, URL-safe, plus the start of the id: unique without a lookup (see docs/decisions.md). */
  @Index(POSTS_SLUG_UNIQUE, { unique: true })
  @Column({ type: 'varchar', length: 100 })
  slug: string;

  // By table name: the posts module does not import the users module's entity.
  @ForeignKey('users', { name: 'FK_posts_author_id', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  authorId: string;

  /** Null while a draft; set by the database when the post is published. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Bumped by every write: the conditional UPDATE behind If-Match compares it. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** Soft delete: the row stays, every read leaves it out. */
  @DeleteDateColumn({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: SEARCH_VECTOR_EXPRESSION,
    select: false,
    insert: false,
    update: false,
    nullable: true,
  })
  searchVector?: string;
}
