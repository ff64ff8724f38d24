#!/usr/bin/env node
// `npx retain …`: Retain's CLI is TypeScript, run through tsx like `npm start`.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../cli/main.ts', import.meta.url);
await main(process.argv);
