/**
 * The PDF reader as a module of its own. Locally it is unpdf itself; in the crawler Lambda it is
 * bundled on its own into `pdf-reader.mjs` next to the function's `index.mjs`
 * (infra/lambda-bundling.ts) and imported only when a PDF is met, so pdf.js (about 1.6 MB) costs a
 * cold start nothing.
 */
export { getDocumentProxy } from 'unpdf';
