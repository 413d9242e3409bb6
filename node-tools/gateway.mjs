// Runs @apollo/gateway (under Apollo Server, as it is deployed) on a static supergraph, with the subgraphs'
// URLs given on the command line instead of the ones composed into the supergraph, so tests and benchmarks
// can point the reference router at subgraphs running on loopback ports. Prints
// "gateway listening at: http://127.0.0.1:PORT/" once it answers; SIGTERM stops it.
//   node gateway.mjs --supergraph FILE [--port N] NAME=URL [NAME=URL ...]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ApolloServer } = require('@apollo/server');
const { startStandaloneServer } = require('@apollo/server/standalone');
const { ApolloGateway, RemoteGraphQLDataSource } = require('@apollo/gateway');

// what the router forwards to every subgraph: the caller's identity, as the Java router does
const FORWARDED_HEADERS = ['x-tenant-id', 'x-user-id', 'authorization'];
const USAGE = 'usage: node gateway.mjs --supergraph FILE [--port N] NAME=URL [NAME=URL ...]';

function fail(message) {
  console.error(`gateway: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

function parseArguments(args) {
  let supergraph;
  let port = 0;
  const urls = new Map();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--supergraph' || arg === '--port') {
      if (i + 1 >= args.length) fail(`${arg} needs a value`);
      const value = args[++i];
      if (arg === '--supergraph') {
        supergraph = value;
      } else {
        port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port ${value} is not a port number (0 picks a free one)`);
      }
    } else {
      const separator = arg.indexOf('=');
      if (separator <= 0) fail(`'${arg}' is not NAME=URL`);
      const url = arg.slice(separator + 1);
      try {
        new URL(url);
      } catch {
        fail(`'${url}' (subgraph ${arg.slice(0, separator)}) is not a URL such as http://127.0.0.1:8081/`);
      }
      urls.set(arg.slice(0, separator), url);
    }
  }
  if (!supergraph) fail('--supergraph FILE is required');
  return { supergraph, port, urls };
}

const { supergraph, port, urls } = parseArguments(process.argv.slice(2));
let supergraphSdl;
try {
  supergraphSdl = readFileSync(supergraph, 'utf8');
} catch (e) {
  fail(`cannot read the supergraph ${supergraph}: ${e.message}`);
}

const gateway = new ApolloGateway({
  supergraphSdl,
  buildService({ name, url }) {
    if (!urls.has(name)) {
      // a subgraph left at its composed URL (lambda:...) would fail every fetch with an unhelpful message
      fail(`no URL given for subgraph '${name}' (composed with ${url}); pass ${name}=http://HOST:PORT/`);
    }
    return new RemoteGraphQLDataSource({
      url: urls.get(name),
      willSendRequest({ request, context }) {
        for (const [header, value] of Object.entries(context.forwardedHeaders ?? {})) {
          request.http.headers.set(header, value);
        }
      },
    });
  },
});
const unknown = [...urls.keys()].filter((name) => !supergraphSdl.includes(`name: "${name}"`));
if (unknown.length > 0) fail(`the supergraph has no subgraph named ${unknown.join(', ')}`);

const server = new ApolloServer({
  gateway,
  // as in production: no stack traces or internals in the responses
  includeStacktraceInErrorResponses: false,
  // variables that do not fit mean nothing ran: 400, as GraphQL over HTTP asks (and Apollo Server 5's default)
  status400ForVariableCoercionErrors: true,
});
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port },
  context: async ({ req }) => ({
    forwardedHeaders: Object.fromEntries(FORWARDED_HEADERS
      .filter((header) => req.headers[header] !== undefined)
      .map((header) => [header, req.headers[header]])),
  }),
});
console.log(`gateway listening at: ${url}`);

process.on('SIGTERM', async () => {
  await server.stop();
  process.exit(0);
});
