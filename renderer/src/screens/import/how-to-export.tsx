import type { ReactNode } from 'react';
import { CodeBlock } from '../../components/code-block';

const AUTHORIZATION_DETAILS = 'aws iam get-account-authorization-details > authz.json';
const GENERATE_REPORT = 'aws iam generate-credential-report';
const GET_REPORT = 'aws iam get-credential-report --output text --query Content | base64 -d > report.csv';

/** How an admin produces the two files with the AWS CLI, as commands to copy. */
export function HowToExport(): ReactNode {
  return (
    <div className="how-to">
      <p>
        Run these with the AWS CLI, as someone allowed to read IAM in the account (add <code>--profile NAME</code> to pick a profile).
        The files hold names, policies and dates — never a password or a secret key.
      </p>
      <ol className="how-to__steps">
        <li>
          <div className="how-to__step">
            <p className="how-to__title">Identities and policies (required)</p>
            <p className="how-to__text">
              Every user, group, role and customer-managed policy, with trust and permission policies. Needs{' '}
              <code>iam:GetAccountAuthorizationDetails</code>. The CLI reads every page for you.
            </p>
            <CodeBlock code={AUTHORIZATION_DETAILS} label="authorization-details command" />
          </div>
        </li>
        <li>
          <div className="how-to__step">
            <p className="how-to__title">Credential report (optional, recommended)</p>
            <p className="how-to__text">
              Access keys and passwords per user: when they were created, rotated and last used. Ask AWS to build the report, wait a few
              seconds, then download it. Needs <code>iam:GenerateCredentialReport</code> and <code>iam:GetCredentialReport</code>.
            </p>
            <CodeBlock code={GENERATE_REPORT} label="generate-report command" />
            <CodeBlock code={GET_REPORT} label="download-report command" />
            <p className="how-to__text how-to__text--muted">
              The JSON that <code>aws iam get-credential-report</code> prints (base64 content) is accepted as it is, too.
            </p>
          </div>
        </li>
      </ol>
    </div>
  );
}
