/** Old path, kept only for the analysis store (H-C's file) until it imports team-policies. */
export * from './team-policies';
