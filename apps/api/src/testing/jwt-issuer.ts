import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export const TEST_ISSUER = 'https://sso.example';
export const TEST_AUDIENCE = 'controlling-api';

/** An identity provider as the API's bearer check meets it: a key set served over HTTP, and tokens signed with its key. */
export interface JwtIssuer {
  /** The environment that makes an API accept this issuer's tokens. */
  readonly env: NodeJS.ProcessEnv;
  /** A token of the issuer for the API's audience, subject `u-17`, with these claims; it expires in 5 minutes unless they name `exp` (`exp: undefined`: never). */
  sign(claims: Record<string, unknown>): Promise<string>;
  close(): void;
}

export async function startJwtIssuer(): Promise<JwtIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  const server: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { OIDC_ISSUER: TEST_ISSUER, OIDC_AUDIENCE: TEST_AUDIENCE, OIDC_JWKS_URL: `http://127.0.0.1:${port}/certs` },
    sign: (claims) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setSubject('u-17');
      return ('exp' in claims ? jwt : jwt.setExpirationTime('5m')).sign(privateKey);
    },
    close: () => server.close(),
  };
}
