import { buildRecouvrementApp } from './app-builder';

// Context (-c name=value) is read from the CLI through the App; see README.md for the parameters.
buildRecouvrementApp().app.synth();
