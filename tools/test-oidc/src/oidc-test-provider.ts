import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

/** The test office's people at its identity provider: login name and the roles its directory gives them. */
export const TEST_ACCOUNTS: Readonly<Record<string, readonly string[]>> = {
  'anna.controlling': ['controlling'],
  'bernd.fachadmin': ['admin', 'staff'],
  'gast.praktikum': ['staff'],
  'wanda.west': ['controlling'],
};

/** The office the directory gives each (claim `office`): an installation serving several offices reads it. */
export const TEST_ACCOUNT_OFFICES: Readonly<Record<string, string>> = {
  'anna.controlling': 'default',
  'bernd.fachadmin': 'default',
  'gast.praktikum': 'default',
  'wanda.west': 'west',
};

export interface ConsoleClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

export interface TestOpenIdProvider {
  readonly issuer: string;
  /** Code exchanges the provider was asked for: tells a callback the API refused itself from one the provider refused. */
  readonly tokenRequests: number;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (panva's oidc-provider, certified) on a free loopback port, with the
 * console registered as a confidential client. Its development login form takes any login
 * name and password; the roles come from TEST_ACCOUNTS in the ID token's `roles` claim.
 * Named `localhost` while the console is 127.0.0.1, a browser sees it as another site, as an
 * office's provider is.
 */
export async function startOpenIdProvider(client: ConsoleClient, hostName: '127.0.0.1' | 'localhost' = '127.0.0.1'): Promise<TestOpenIdProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${hostName}:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' }] },
    // A client that sends no S256 code challenge is refused, as the office's provider should.
    pkce: { required: () => true },
    claims: { openid: ['sub', 'roles', 'office'] },
    // The role goes into the ID token itself, as directories configured for role claims do.
    conformIdTokenClaims: false,
    findAccount: (_context, accountId) => ({ accountId, claims: () => ({ sub: accountId, roles: [...(TEST_ACCOUNTS[accountId] ?? [])], office: TEST_ACCOUNT_OFFICES[accountId] }) }),
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  let tokenRequests = 0;
  const answer = provider.callback();
  server.on('request', (request, response) => {
    if (request.method === 'POST' && request.url?.startsWith('/token')) tokenRequests++;
    void answer(request, response);
  });
  return {
    issuer,
    get tokenRequests() {
      return tokenRequests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
