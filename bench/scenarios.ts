import type { Request } from './load';

/** What the setup leaves for the scenarios: a seeded post, a signed-in author, a deep cursor. */
export interface Fixture {
  postId: string;
  accessToken: string;
  deepCursor: string;
  credentials: { email: string; password: string };
}

export type ReadScenario = 'post' | 'list' | 'deep';
export type Scenario = ReadScenario | 'create' | 'login' | 'flood';

export const ALL_SCENARIOS: Scenario[] = ['post', 'list', 'deep', 'create', 'login', 'flood'];

export const TITLES: Record<Scenario, string> = {
  post: 'GET one post (cache hit)',
  list: 'GET list, first page of 20',
  deep: 'GET list, 500 pages deep',
  create: 'POST a post (bearer)',
  login: 'login (argon2id)',
  flood: 'GET one post during a login flood',
};

export function readRequest(scenario: ReadScenario, fixture: Fixture): Request {
  switch (scenario) {
    case 'post':
      return { path: `/api/v1/posts/${fixture.postId}` };
    case 'list':
      return { path: '/api/v1/posts?limit=20' };
    case 'deep':
      return { path: `/api/v1/posts?limit=20&cursor=${encodeURIComponent(fixture.deepCursor)}` };
  }
}

export function createRequest(fixture: Fixture): Request {
  return {
    path: '/api/v1/posts',
    method: 'POST',
    headers: { authorization: `Bearer ${fixture.accessToken}` },
    body: {
      title: 'A benchmark post',
      content: 'Written by the benchmark to measure the write path, validation included.',
      tags: ['bench', 'Load'],
    },
  };
}

export function loginRequest(fixture: Fixture): Request {
  return { path: '/api/v1/auth/login', method: 'POST', body: fixture.credentials };
}

/** BENCH_SCENARIOS=post,list narrows a run (e.g. for profiling); all of them by default. */
export function selectedScenarios(): Set<Scenario> {
  const wanted = process.env.BENCH_SCENARIOS?.split(',').map((name) => name.trim());
  return new Set(wanted ? ALL_SCENARIOS.filter((name) => wanted.includes(name)) : ALL_SCENARIOS);
}
