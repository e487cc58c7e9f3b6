import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export const TEST_ISSUER = 'https://sso.example';
export const TEST_AUDIENCE = 'controlling-api';

/** An identity provider's signing key: its tokens, and the key set that verifies them. */
export interface JwtKeys {
  /** The key set as a verifier in this process takes it. */
  readonly keys: JWTVerifyGetKey;
  readonly jwks: JSONWebKeySet;
  /**
   * A token of the issuer for the audience (the API's by default), subject `u-17`, with these
   * claims; it expires in 5 minutes unless they name `exp` (`exp: undefined`: never).
   */
  sign(claims: Record<string, unknown>, audience?: string): Promise<string>;
}

export async function jwtKeys(): Promise<JwtKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  return {
    keys: createLocalJWKSet(jwks),
    jwks,
    sign: (claims, audience = TEST_AUDIENCE) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(TEST_ISSUER).setAudience(audience).setSubject('u-17');
      return ('exp' in claims ? jwt : jwt.setExpirationTime('5m')).sign(privateKey);
    },
  };
}

/** An identity provider as the API's bearer check meets it: its key set served over HTTP, and tokens signed with its key. */
export interface JwtIssuer extends JwtKeys {
  /** The environment that makes an API accept this issuer's tokens. */
  readonly env: NodeJS.ProcessEnv;
  close(): void;
}

export async function startJwtIssuer(): Promise<JwtIssuer> {
  const keys = await jwtKeys();
  const body = JSON.stringify(keys.jwks);
  const server: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...keys,
    env: { OIDC_ISSUER: TEST_ISSUER, OIDC_AUDIENCE: TEST_AUDIENCE, OIDC_JWKS_URL: `http://127.0.0.1:${port}/certs` },
    close: () => server.close(),
  };
}
