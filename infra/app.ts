import { createRetainApp } from './retain-app.js';

// `cdk synth` / `cdk deploy` entry point (cdk.json). The CLI synthesizes the app when this process exits.
createRetainApp();
