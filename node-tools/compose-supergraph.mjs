// Composes the federated supergraph from subgraph SDL files with Apollo's own composition (@apollo/composition),
// so the Java router plans against exactly what Apollo would. Exits 1, listing every composition error, when the
// subgraphs do not compose; the build stops there.
//   node compose-supergraph.mjs --out FILE NAME=URL=SDL_FILE [NAME=URL=SDL_FILE ...]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { composeServices } = require('@apollo/composition');
const { parse } = require('graphql');

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
if (outIndex < 0 || outIndex + 1 >= args.length) {
  console.error('usage: node compose-supergraph.mjs --out FILE NAME=URL=SDL_FILE ...');
  process.exit(2);
}
const out = args[outIndex + 1];
const specs = args.filter((_, i) => i !== outIndex && i !== outIndex + 1);
if (specs.length === 0) {
  console.error('compose-supergraph: no subgraphs given (NAME=URL=SDL_FILE)');
  process.exit(2);
}

const services = [];
for (const spec of specs) {
  const [name, url, file] = spec.split('=');
  if (!name || !url || !file) {
    console.error(`compose-supergraph: '${spec}' is not NAME=URL=SDL_FILE`);
    process.exit(2);
  }
  let typeDefs;
  try {
    typeDefs = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`compose-supergraph: subgraph ${name} (${file}) is not valid GraphQL SDL: ${e.message}`);
    process.exit(1);
  }
  services.push({ name, url, typeDefs });
}

const result = composeServices(services);
if (result.errors && result.errors.length > 0) {
  console.error(`compose-supergraph: the subgraphs do not compose (${result.errors.length} error(s)):`);
  for (const error of result.errors) {
    console.error(`  - ${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
  }
  process.exit(1);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, result.supergraphSdl);
const hints = result.hints ?? [];
console.log(`compose-supergraph: ${services.map((s) => s.name).join(', ')} -> ${out}`
  + (hints.length ? ` (${hints.length} composition hint(s): ${hints.map((h) => h.definition.code).join(', ')})` : ''));
