/**
 * The change history and optimistic locking. A <em>change entry</em> records one change to one
 * entity (a facility, district, population layer, planning target or scenario): who made it, when,
 * the action, the entity's <em>version</em> after it (1 for the first, +1 for each change) and its
 * state before and after as JSON. Entries are written in the transaction of the change and never
 * altered. A client that edits names the version it read ({@code If-Match}); a stale one is a
 * {@link org.carecircle.history.VersionConflictException} and nothing is written.
 */
package org.carecircle.history;
