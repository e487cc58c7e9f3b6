/** An OpenID provider for tests: the API's sign-in specs and the console's browser tests sign in at it. */
export * from './oidc-test-provider.js';
