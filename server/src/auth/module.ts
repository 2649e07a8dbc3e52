/** The auth module: users, sessions and API keys (routes). Its access hook is installed by app.ts first. */
import { type BatonModule, bindRoutes } from '../module.ts';
import { authRoutes } from './routes.ts';
import type { AuthService } from './service.ts';

export function authModule(auth: AuthService): BatonModule {
  return { name: 'auth', routes: bindRoutes(authRoutes, { auth }), init: () => auth.init() };
}
