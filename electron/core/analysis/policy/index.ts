/** Old path, kept only for the analysis store and bench (H-C's files) until they import analysis/iam-policy. */
export * from '../iam-policy/index';
