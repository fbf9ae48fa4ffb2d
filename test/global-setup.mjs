// Jest global setup: builds dist/Code.js (and its source map) once, before any worker starts. The build
// writes each file to a temporary name and renames it into place, so a reader never sees half a file.
import { buildBundle } from "../esbuild.config.mjs";

export default async function globalSetup() {
  await buildBundle();
}
