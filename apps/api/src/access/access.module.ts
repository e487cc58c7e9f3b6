import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { DatabaseHandle } from '@jugendamt/db';
import { tenantIds } from '@jugendamt/db';
import { DATABASE } from '../database/database.module.js';
import { AccessGuard, CONSOLE_SESSIONS, OIDC_VERIFIER, TOKEN_PRINCIPALS } from './access.guard.js';
import { ConsoleSessions } from './console-sessions.js';
import { SessionController } from './session.controller.js';
import { OidcSignIn } from './oidc-sign-in.js';
import { OidcVerifier, type KnownOffice } from './oidc-verifier.js';
import type { ApiSettings } from '../settings/api-settings.js';
import { OIDC_SIGN_IN, SingleSignOnController } from './single-sign-on.controller.js';
import { TokenPrincipals } from './token-principals.js';

@Global()
@Module({})
export class AccessModule {
  static forSettings({ oidc, oidcSignIn, tokenCacheMs, sessionMs }: ApiSettings): DynamicModule {
    return {
      module: AccessModule,
      controllers: [SessionController, SingleSignOnController],
      exports: [TOKEN_PRINCIPALS, CONSOLE_SESSIONS],
      providers: [
        {
          provide: OIDC_VERIFIER,
          inject: [DATABASE],
          useFactory: (database: DatabaseHandle) => (oidc ? new OidcVerifier(oidc, undefined, officesServed(database)) : null),
        },
        {
          provide: OIDC_SIGN_IN,
          inject: [DATABASE],
          useFactory: (database: DatabaseHandle) => (oidcSignIn ? new OidcSignIn(oidcSignIn, officesServed(database)) : null),
        },
        {
          provide: TOKEN_PRINCIPALS,
          inject: [DATABASE],
          useFactory: (database: DatabaseHandle) => new TokenPrincipals(database.app, tokenCacheMs),
        },
        {
          provide: CONSOLE_SESSIONS,
          inject: [DATABASE],
          useFactory: (database: DatabaseHandle) => new ConsoleSessions(database.app, sessionMs, tokenCacheMs),
        },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}

/**
 * The offices of the installation, for an office claim to name one of: looked up afresh at most
 * once a minute (an office added by an operator is found without a restart), and only when a
 * claim is read (without OIDC_OFFICE_CLAIM, every account has the configured office).
 */
function officesServed(database: DatabaseHandle): KnownOffice {
  let known: { readonly at: number; readonly offices: Promise<Set<string>> } | undefined;
  return async (tenantId) => {
    if (!known || Date.now() - known.at > 60_000) {
      const offices = tenantIds(database.app).then((ids) => new Set(ids));
      known = { at: Date.now(), offices };
      offices.catch(() => (known = undefined));
    }
    return (await known.offices).has(tenantId);
  };
}
