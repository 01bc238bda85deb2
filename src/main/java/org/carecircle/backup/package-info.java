/**
 * Backup and restore of the whole store. A backup is one zip file: a manifest (format, CareCircle
 * and Flyway schema versions, source vendor, per table its columns, row count and SHA-256) plus
 * every application table's rows in a vendor-neutral form and, unless left out, the folders of the
 * road networks. A restore brings a backup into an empty store of the same schema version, on
 * H2GIS or PostGIS, whichever store the backup came from.
 */
package org.carecircle.backup;
