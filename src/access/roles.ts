/** The roles (defined with what each may do in domain/roles.ts), for access/ and its callers. */
export { isRole, ROLES, type Role } from '../domain/roles.js';
