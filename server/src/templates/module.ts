/**
 * The templates module: the Handoff Template Library (named, versioned message templates) and its
 * previews. Flows reach it through the notify and handoff node kinds, which are given the library
 * (notify) and its rendering (handoff) in services.ts; this module owns the routes and the indexes.
 */
import { type BatonModule, bindRoutes } from '../module.ts';
import type { TemplateLibrary } from './library.ts';
import type { TemplateRendering } from './rendering.ts';
import { templateRoutes } from './routes.ts';

export function templatesModule(deps: {
  templates: TemplateLibrary;
  templateRendering: TemplateRendering;
}): BatonModule {
  return {
    name: 'templates',
    routes: bindRoutes(templateRoutes, deps),
    init: () => deps.templates.init(),
  };
}
