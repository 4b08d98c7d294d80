import type { Setting } from './setting-kinds';
import type { LOG_LEVELS, NODE_ENVS, SETTINGS } from './settings';

export type NodeEnv = (typeof NODE_ENVS)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

type Settings = typeof SETTINGS;
type ValueOf<S> = S extends Setting<infer Value> ? Value : never;

/** What the environment gives: every setting of settings.ts, validated and typed (durations in seconds). */
export type LoadedConfig = { readonly [K in keyof Settings]: ValueOf<Settings[K]> };

/** Optional in the environment, but always set before Nest boots: main.ts fills them in (development defaults). */
type FilledAtStartup = 'databaseUrl' | 'jwtSecret';

/** The configuration the app runs with: the loaded one, with the values filled in at startup. */
export type AppConfigValues = Omit<LoadedConfig, FilledAtStartup> & {
  readonly [K in FilledAtStartup]: NonNullable<LoadedConfig[K]>;
};

/** A class whose instances have the properties of `T`, so that a type can serve as a DI token. */
function tokenOf<T>(): abstract new () => Readonly<T> {
  abstract class Token {}
  return Token as abstract new () => Readonly<T>;
}

/**
 * The validated, typed configuration the app gets. It doubles as the DI token, so any provider can
 * ask for `AppConfig` in its constructor.
 */
export abstract class AppConfig extends tokenOf<AppConfigValues>() {}
