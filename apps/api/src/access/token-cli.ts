import { parseArgs } from 'node:util';
import { databaseConfigFromEnv, DEFAULT_TENANT_ID, ensureTenant, migrateToLatest, openDatabase } from '@jugendamt/db';
import { isRole, ROLES } from './role.js';
import { issueToken, revokeToken } from './token-store.js';

const usage = `npm run token -- --role <${ROLES.join('|')}> [--label TEXT] [--tenant ID]
npm run token -- --revoke <token id> [--tenant ID]

Issues a bearer token for the API and prints it once; only its hash is stored.`;

const { values } = parseArgs({
  options: { role: { type: 'string' }, label: { type: 'string' }, tenant: { type: 'string', default: DEFAULT_TENANT_ID }, revoke: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help || (!values.role && !values.revoke)) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
if (values.role && !isRole(values.role)) {
  console.error(`--role must be one of ${ROLES.join(', ')}, not ${values.role}`);
  process.exit(2);
}

const database = await openDatabase(databaseConfigFromEnv(process.env));
try {
  await migrateToLatest(database.db);
  await ensureTenant(database.db, values.tenant, 'Jugendamt');
  if (values.revoke) {
    const revoked = await revokeToken(database.db, values.tenant, values.revoke);
    console.log(revoked ? `revoked ${values.revoke}` : `no live token ${values.revoke}`);
    process.exitCode = revoked ? 0 : 1;
  } else if (isRole(values.role)) {
    const { tokenId, token } = await issueToken(database.db, values.tenant, values.role, values.label ?? values.role);
    console.log(`token id ${tokenId}, role ${values.role}:\n${token}`);
  }
} finally {
  await database.close();
}
