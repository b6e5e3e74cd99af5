import type { GrantedPermissions } from '../../core/granted/index.js';

/** Where the API gets a principal's granted permissions from (a snapshot file or IAM itself). */
export interface GrantedSource {
  /** The principal's granted permissions; undefined when the source does not know the principal. */
  grantedFor(principalArn: string): Promise<GrantedPermissions | undefined>;
}
