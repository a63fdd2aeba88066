// Test identity provider for the MLTF Desktop sign-in tests: the real `oidc-provider` package, on 127.0.0.1
// and a free port. Prints "LISTENING <issuer>" once it answers, then serves until killed or stdin closes.
//
// Options (all optional):
//   --client-id=ID           public native client (default mltf-desktop)
//   --access-ttl=S           access token lifetime in seconds (default 30)
//   --refresh-ttl=S          refresh token lifetime (default 600)
//   --device-ttl=S           device code lifetime (default 120)
//   --device-interval=S      polling interval announced with a device code (default 1)
//   --clock-skew=S           the provider's clock runs S seconds ahead of the machine's (negative: behind)
//   --no-device-flow         do not advertise the device authorization grant
//   --announce-refresh-ttl   add refresh_expires_in to token answers, as Keycloak does
import * as http from 'node:http';
import Provider from 'oidc-provider';

function option(name, fallback) {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg === undefined ? fallback : arg.slice(prefix.length);
}
const flag = (name) => process.argv.includes(`--${name}`);

const clientId = option('client-id', 'mltf-desktop');
const accessTtl = Number(option('access-ttl', 30));
const refreshTtl = Number(option('refresh-ttl', 600));
const deviceTtl = Number(option('device-ttl', 120));
const deviceInterval = Number(option('device-interval', 1));
const clockSkew = Number(option('clock-skew', 0));
const deviceFlow = !flag('no-device-flow');
const announceRefreshTtl = flag('announce-refresh-ttl');

// Clock skew between the provider and the app: every time oidc-provider reads goes through Date.now().
if (clockSkew !== 0) {
  const realNow = Date.now;
  Date.now = () => realNow() + clockSkew * 1000;
}

// The users: any login is accepted by the development login form; the login becomes the subject.
async function findAccount(_ctx, id) {
  return {
    accountId: id,
    async claims() {
      return {
        sub: id,
        preferred_username: id,
        name: `Test User ${id}`,
        email: `${id}@example.org`,
        email_verified: true,
      };
    },
  };
}

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/'],
      grant_types: ['authorization_code', 'refresh_token',
        ...(deviceFlow ? ['urn:ietf:params:oauth:grant-type:device_code'] : [])],
      response_types: ['code'],
    },
  ],
  findAccount,
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email', 'email_verified'],
  },
  scopes: ['openid', 'offline_access', 'profile', 'email', 'read', 'write'],
  // The app reads the identity from the id_token, as Keycloak puts the profile claims there.
  conformIdTokenClaims: false,
  // A public native client gets a refresh token whenever it may use the grant (as Keycloak does).
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  features: {
    devInteractions: { enabled: true },
    deviceFlow: { enabled: deviceFlow },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Access tokens are JWTs for the MLflow audience, as the MLTF gateway and tracking server expect.
      defaultResource: async () => 'urn:mltf:mlflow',
      useGrantedResource: async () => true,
      getResourceServerInfo: async () => ({
        scope: 'read write',
        audience: 'mlflow',
        accessTokenTTL: accessTtl,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  ttl: {
    AccessToken: accessTtl,
    RefreshToken: refreshTtl,
    DeviceCode: deviceTtl,
    IdToken: 3600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
    AuthorizationCode: 60,
  },
  cookies: { keys: ['mltf-test-cookie-key'] },
});

// oidc-provider sends no polling interval with a device code; announce one, as Keycloak does (5 s there).
// Optionally also the refresh token's lifetime, which Keycloak sends and oidc-provider does not.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.method === 'POST' && ctx.path === '/device/auth' && ctx.status === 200 && ctx.body) {
    ctx.body = { ...ctx.body, interval: deviceInterval };
  }
  if (announceRefreshTtl && ctx.method === 'POST' && ctx.path === '/token' && ctx.status === 200
      && ctx.body?.refresh_token) {
    ctx.body = { ...ctx.body, refresh_expires_in: refreshTtl };
  }
});

server.on('request', provider.callback());

process.stdout.write(`LISTENING ${issuer}\n`);
// Stop with the test that started us, even if it could not kill us.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
