import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard, OIDC_VERIFIER } from './access.guard.js';
import { OidcVerifier, oidcSettingsFromEnv } from './oidc-verifier.js';

@Global()
@Module({
  providers: [
    {
      provide: OIDC_VERIFIER,
      useFactory: () => {
        const settings = oidcSettingsFromEnv();
        return settings ? new OidcVerifier(settings) : null;
      },
    },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AccessModule {}
