import type { INestApplication, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { DocumentedError } from '../errors/app-error';
import { IS_PUBLIC, ROLES_KEY } from '../metadata/route-access';
import { declaredErrors } from './api-envelope.decorators';

/** What a route's decorators say about the errors it can give, beyond its OpenAPI decorators. */
export interface RouteFacts {
  /** `@Public()`: the guard never answers 401. */
  isPublic: boolean;
  /** `@Roles(...)`: the guard answers 403 to anyone else. */
  hasRoles: boolean;
  /** `@ApiErrors(...)`: what the handler and the services it calls throw. */
  errors: DocumentedError[];
}

/** `UsersController.register` → `Users_register`, the operation's id in the document. */
export const operationIdOf = (controllerKey: string, methodKey: string): string =>
  `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;

/** The facts of every route of the app, by operation id. */
export function collectRouteFacts(app: INestApplication): Map<string, RouteFacts> {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) {
        continue;
      }
      const prototype = controller.prototype as Record<string, Type>;
      for (const methodKey of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[methodKey];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) {
          continue;
        }
        const targets = [handler, controller];
        facts.set(operationIdOf(controller.name, methodKey), {
          isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
          hasRoles: (reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets) ?? []).length > 0,
          errors: declaredErrors(handler),
        });
      }
    }
  }
  return facts;
}
