/** Old path, kept only for the analysis store (H-C's file) until it imports core/lib/canonical-json. */
export { canonicalJson } from '../lib/canonical-json';
