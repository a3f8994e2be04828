/**
 * A problem with the user's AWS configuration that we detect ourselves, before the SDK would give a
 * vaguer message: a profile that does not exist, one with no way to get credentials, one that needs
 * an MFA code we cannot ask for.
 */
export type AwsConfigProblem = 'profile_not_found' | 'no_credentials' | 'invalid_profile' | 'mfa_required';

export class AwsConfigError extends Error {
  readonly problem: AwsConfigProblem;
  /** The profile the problem is about (null for the environment's default chain). */
  readonly profile: string | null;

  constructor(problem: AwsConfigProblem, profile: string | null, message: string) {
    super(message);
    this.name = 'AwsConfigError';
    this.problem = problem;
    this.profile = profile;
  }
}
