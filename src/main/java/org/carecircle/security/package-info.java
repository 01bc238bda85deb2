/**
 * Who may do what. A <em>user</em> signs in with a name and password (the page's form, or HTTP
 * Basic from a script) or with a personal <em>API token</em> ({@code Authorization: Bearer cc_…}).
 * Every user has one <em>role</em>: viewer (reads everything) &lt; planner (writes data, runs
 * analyses) &lt; admin (users, settings, backups under {@code /api/admin/**}); each role includes
 * the ones before it. {@link org.carecircle.security.AccessRules} gives every request the role it
 * needs.
 */
package org.carecircle.security;
